vcl 4.1;

# Varnish in front of two (or more) app servers: a round-robin director over the app servers,
# each checked every 5 s so a stopped one is left out until it answers again, then the
# repository's rules (default.vcl, next to this file). Start varnishd with `-f` pointing at this
# file. Add a backend block and an `add_backend` line per extra app server, and every app
# server's address to the `purgers` ACL in default.vcl so their BANs are accepted.
#
# The backend picked here comes first: default.vcl's own `vcl_recv` ends in a return, so a
# `vcl_recv` after the include would never run. default.vcl's backend (`default`) is then not
# used; its address does not matter.

import directors;

# The site's own host name and https, as nginx passes them: any other Host is refused
# (ALLOWED_HOSTS) and plain http redirected (SECURE_SSL_REDIRECT), and the probe wants a 200.
probe app_alive {
    .request =
        "GET /robots.txt HTTP/1.1"
        "Host: procurement.example.eu"
        "X-Forwarded-Proto: https"
        "Connection: close";
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .probe = app_alive;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .probe = app_alive;
}

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app1);
    apps.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
}

include "default.vcl";

vcl 4.1;

# Varnish in front of two (or more) app servers: the repository's rules (default.vcl, next to
# this file) with a round-robin director over the app servers, each checked every 5 s so a
# stopped one is left out until it answers again. Start varnishd with `-f` pointing at this
# file. Add a backend block and an `add_backend` line per extra app server, and their
# addresses to the `purgers` ACL in default.vcl so their BANs are accepted.
#
# default.vcl's own backend (`default`) is the first app server: set its .host and .port there.

import directors;

include "default.vcl";

probe app_alive {
    .url = "/robots.txt";
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
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
    apps.add_backend(default);
    apps.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
}

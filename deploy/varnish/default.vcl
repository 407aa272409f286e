vcl 4.1;

# The HTTP cache in front of the site (Varnish 7, Debian's `varnish` package).
#
# It keeps only what the site itself marks as the same for every visitor: an anonymous GET of a
# public page, listing, tag page or feed, which Django answers with `Surrogate-Control:
# max-age=N` (home/caching.py). Whoever has a session (members, staff, a visitor who has typed
# a page's password) or sends credentials goes straight to the site, and so does every address
# of the members' area, the accounts, the admins, documents and search, whoever asks. A
# response that sets a cookie or says private, no-store or no-cache is never kept.
#
# The site clears the cache through Wagtail's frontend cache integration
# (home.caching.VarnishBanBackend) with one BAN after every change visitors could see: a page
# published, unpublished, moved or deleted, a privacy setting, an image, a menu. A BAN drops
# everything, not the changed page alone: a news item also shows on the home page, the news
# index and its pages and filters, each of its tags' pages and the feeds, and dropping all of
# them is the one rule that cannot miss an address. See docs/caching.md.

import std;

# The application server. scripts/services and the tests write their own address into the
# two lines below; a deployment sets its own (or one backend per app server, with a director).
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may clear the cache: the app servers. Add their addresses when they run elsewhere.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN" || req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.method == "PURGE") {
            # One address, with all its variants (kept for Wagtail's stock HTTP backend).
            return (purge);
        }
        # Everything: an expression on the object only, so the ban lurker can apply it in
        # the background instead of every later lookup testing it.
        ban("obj.status != 0");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Somebody's own pages: the session is the site's (SESSION_COOKIE_NAME), messages are
    # Django's one-off notices kept in a cookie until shown.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|members|accounts|documents|search|_util)(/|\?|$)") {
        return (pass);
    }
    # A visitor: no other cookie (the CSRF token, say) changes what the site answers.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # Behind a TLS proxy, http and https answers differ (redirects, absolute links in feeds).
    hash_data(req.http.X-Forwarded-Proto);
    # The built-in vcl_hash then adds the URL and the host.
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        # A passed request: whatever came back goes to its one client only.
        return (deliver);
    }
    if (beresp.status != 200
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Surrogate-Control !~ "max-age=[0-9]+") {
        # Not for keeping. Remembered as such for a while, so that later requests for the
        # address go to the site at once instead of queueing behind each other.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.ttl = std.duration(
        regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", 0s);
    # While the site restarts, a copy just out of date beats an error page; a banned copy is
    # never served.
    set beresp.grace = 30s;
    return (deliver);
}

sub vcl_deliver {
    # For this cache only: browsers and other caches downstream keep nothing on its word.
    unset resp.http.Surrogate-Control;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

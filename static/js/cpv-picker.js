/* CPV codes suggested as members type, on inputs marked data-cpv-picker.
 * A native <datalist> gives the suggestions (keyboard and screen readers handle it as any
 * list of suggestions); the chosen code's full path is read out below the field. Without
 * this script the field is a plain text input that the server checks. */
(function () {
    "use strict";
    var endpoint = "/members/library/cpv/?format=json&q=";

    function debounce(fn, wait) {
        var timer;
        return function () {
            var args = arguments;
            clearTimeout(timer);
            timer = setTimeout(function () { fn.apply(null, args); }, wait);
        };
    }

    function lookup(query, retries) {
        if (retries === undefined) { retries = 2; }
        return fetch(endpoint + encodeURIComponent(query), {
            credentials: "same-origin",
            headers: { "Accept": "application/json" },
        }).then(function (response) {
            if (!response.ok) { throw new Error(response.status); }
            return response.json();
        }).then(function (data) { return data.results; }, function () {
            // A busy server or a dropped connection: ask again shortly, then give up quietly
            // (the server still checks the code when the form is sent).
            if (retries <= 0) { return []; }
            return new Promise(function (resolve) { setTimeout(resolve, 400); })
                .then(function () { return lookup(query, retries - 1); });
        });
    }

    function enhance(input, index) {
        var list = document.createElement("datalist");
        list.id = "cpv-suggestions-" + index;
        input.parentNode.appendChild(list);
        input.setAttribute("list", list.id);
        var path = document.querySelector('[data-cpv-path-for="' + input.id + '"]');
        var latest = 0;
        var update = debounce(function () {
            var query = input.value.trim();
            if (query.length < 2) { return; }
            var asked = latest += 1;
            lookup(query).then(function (results) {
                // An answer to an earlier query, arriving late, must not overwrite this one.
                if (asked !== latest) { return; }
                list.textContent = "";
                results.forEach(function (result) {
                    var option = document.createElement("option");
                    option.value = result.code;
                    option.label = result.code + " " + result.label;
                    list.appendChild(option);
                });
                if (path) {
                    var exact = results.filter(function (r) { return r.code === query.split("-")[0]; })[0];
                    path.textContent = exact ? exact.path : "";
                }
            });
        }, 250);
        input.addEventListener("input", update);
        // A code already there (typed before this script ran, or sent back with the form)
        // gets its path at once.
        if (input.value.trim().length >= 2) { update(); }
    }

    document.addEventListener("DOMContentLoaded", function () {
        var inputs = document.querySelectorAll("input[data-cpv-picker]");
        for (var i = 0; i < inputs.length; i += 1) { enhance(inputs[i], i); }
    });
}());

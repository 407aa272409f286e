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

    function lookup(query) {
        return fetch(endpoint + encodeURIComponent(query), {
            credentials: "same-origin",
            headers: { "Accept": "application/json" },
        }).then(function (response) {
            return response.ok ? response.json() : { results: [] };
        }).then(function (data) { return data.results; }, function () { return []; });
    }

    function enhance(input, index) {
        var list = document.createElement("datalist");
        list.id = "cpv-suggestions-" + index;
        input.parentNode.appendChild(list);
        input.setAttribute("list", list.id);
        var path = document.querySelector('[data-cpv-path-for="' + input.id + '"]');
        var update = debounce(function () {
            var query = input.value.trim();
            if (query.length < 2) { return; }
            lookup(query).then(function (results) {
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
    }

    document.addEventListener("DOMContentLoaded", function () {
        var inputs = document.querySelectorAll("input[data-cpv-picker]");
        for (var i = 0; i < inputs.length; i += 1) { enhance(inputs[i], i); }
    });
}());

/* Suggestions under the site's search boxes, as a combobox with a listbox popup (the WAI-ARIA
 * 1.2 pattern, list autocomplete without automatic selection).
 *
 * Without this script every search box is a plain form. With it, typing two characters or
 * more asks the form's data-suggest-url for titles, topics and CPV labels. Arrow keys move
 * through them while focus stays in the box (aria-activedescendant), Enter opens a title's page
 * or searches for a topic or label, and Enter with nothing chosen sends the form as typed.
 * A polite live region says how many suggestions there are, so screen reader users know to
 * look for them. */
(function () {
    "use strict";

    var MIN_LENGTH = 2;
    var DELAY_MS = 150;

    function announcer(form) {
        var region = document.createElement("div");
        region.className = "visually-hidden";
        region.setAttribute("role", "status");
        form.appendChild(region);
        var toggle = false;
        return function (message) {
            // Screen readers stay silent when a live region is given the text it already holds:
            // a trailing no-break space, every other time, makes each message new.
            toggle = !toggle;
            region.textContent = message ? message + (toggle ? "\u00a0" : "") : "";
        };
    }

    function enhance(form) {
        var input = form.querySelector("input[name=q]");
        var endpoint = form.getAttribute("data-suggest-url");
        if (!input || !input.id || !endpoint) {
            return;
        }

        var listbox = document.createElement("ul");
        listbox.id = input.id + "-suggestions";
        listbox.className = "site-search__suggestions";
        listbox.setAttribute("role", "listbox");
        listbox.setAttribute("aria-label", "Search suggestions");
        listbox.hidden = true;
        form.appendChild(listbox);
        form.classList.add("site-search--suggest");
        var announce = announcer(form);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", listbox.id);
        input.setAttribute("aria-expanded", "false");

        var suggestions = [];
        var active = -1;
        var asked = 0;
        var timer = null;
        var inFlight = null;

        function isOpen() {
            return !listbox.hidden;
        }

        function options() {
            return listbox.querySelectorAll("[role=option]");
        }

        function setActive(index) {
            var all = options();
            if (active >= 0 && all[active]) {
                all[active].setAttribute("aria-selected", "false");
            }
            active = index;
            if (index >= 0 && all[index]) {
                all[index].setAttribute("aria-selected", "true");
                input.setAttribute("aria-activedescendant", all[index].id);
                all[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function open() {
            if (!suggestions.length) {
                return;
            }
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
        }

        function close() {
            setActive(-1);
            listbox.hidden = true;
            input.setAttribute("aria-expanded", "false");
        }

        function forget() {
            // Whatever is on its way now answers a question nobody is asking any more.
            asked += 1;
            clearTimeout(timer);
            if (inFlight) {
                inFlight.abort();
                inFlight = null;
            }
        }

        function render(items) {
            suggestions = items;
            setActive(-1);
            listbox.textContent = "";
            items.forEach(function (item, index) {
                var option = document.createElement("li");
                option.id = listbox.id + "-" + index;
                option.className = "site-search__suggestion";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                var text = document.createElement("span");
                text.className = "site-search__suggestion-text";
                text.textContent = item.text;
                var pause = document.createElement("span");
                pause.className = "visually-hidden";
                pause.textContent = ", ";
                var kind = document.createElement("span");
                kind.className = "site-search__suggestion-kind";
                kind.textContent = item.kind;
                option.appendChild(text);
                option.appendChild(pause);
                option.appendChild(kind);
                listbox.appendChild(option);
            });
            if (!items.length) {
                close();
                announce("No suggestions");
                return;
            }
            if (document.activeElement === input) {
                open();
            }
            announce(
                (items.length === 1 ? "1 suggestion" : items.length + " suggestions") +
                    " available, use up and down arrows"
            );
        }

        function ask(query) {
            var number = (asked += 1);
            var init = { credentials: "same-origin", headers: { Accept: "application/json" } };
            if (window.AbortController) {
                inFlight = new AbortController();
                init.signal = inFlight.signal;
            }
            fetch(endpoint + "?q=" + encodeURIComponent(query), init)
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error("Suggestions answered " + response.status);
                    }
                    return response.json();
                })
                .then(function (data) {
                    // A slower answer to an earlier prefix must not replace a later one.
                    if (number !== asked) {
                        return;
                    }
                    inFlight = null;
                    render(Array.isArray(data.suggestions) ? data.suggestions : []);
                })
                .catch(function () {
                    // Aborted, offline or refused: the box goes on working as a plain form.
                    if (number === asked) {
                        inFlight = null;
                        suggestions = [];
                        close();
                    }
                });
        }

        function choose(index) {
            var item = suggestions[index];
            if (!item) {
                return;
            }
            forget();
            close();
            if (item.url) {
                window.location.assign(item.url);
                return;
            }
            input.value = item.text;
            if (form.requestSubmit) {
                form.requestSubmit();
            } else {
                form.submit();
            }
        }

        input.addEventListener("input", function () {
            forget();
            setActive(-1);
            var query = input.value.trim();
            if (query.length < MIN_LENGTH) {
                suggestions = [];
                listbox.textContent = "";
                close();
                announce("");
                return;
            }
            timer = setTimeout(function () {
                ask(query);
            }, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            if (event.altKey || event.ctrlKey || event.metaKey) {
                return;
            }
            var count = suggestions.length;
            switch (event.key) {
                case "ArrowDown":
                case "Down":
                    if (!count) {
                        return;
                    }
                    event.preventDefault();
                    if (!isOpen()) {
                        open();
                        setActive(0);
                    } else {
                        setActive(active + 1 < count ? active + 1 : 0);
                    }
                    break;
                case "ArrowUp":
                case "Up":
                    if (!count) {
                        return;
                    }
                    event.preventDefault();
                    if (!isOpen()) {
                        open();
                        setActive(count - 1);
                    } else {
                        setActive(active > 0 ? active - 1 : count - 1);
                    }
                    break;
                case "Enter":
                    if (isOpen() && active >= 0) {
                        event.preventDefault();
                        choose(active);
                    } else {
                        // The form is sent as typed; nothing late may open over the next page.
                        forget();
                        close();
                    }
                    break;
                case "Escape":
                case "Esc":
                    if (isOpen()) {
                        event.preventDefault();
                        close();
                    } else if (input.value) {
                        event.preventDefault();
                        forget();
                        input.value = "";
                        suggestions = [];
                        listbox.textContent = "";
                        announce("");
                    }
                    break;
                case "Tab":
                    close();
                    break;
                case "ArrowLeft":
                case "ArrowRight":
                case "Home":
                case "End":
                    // Moving the caret edits the text again: no option stays chosen.
                    setActive(-1);
                    break;
                default:
                    break;
            }
        });

        // Pressing on an option must not take focus from the box, or it would close first.
        listbox.addEventListener("mousedown", function (event) {
            event.preventDefault();
        });
        listbox.addEventListener("click", function (event) {
            var option = event.target.closest("[role=option]");
            if (option) {
                choose(Array.prototype.indexOf.call(options(), option));
            }
        });

        input.addEventListener("blur", function () {
            close();
        });
        input.addEventListener("focus", function () {
            // Back in the box with the text that found these: offer them again on request
            // (arrow keys), without covering the page unasked.
            setActive(-1);
        });
    }

    function setUp() {
        var forms = document.querySelectorAll("form[role=search][data-suggest-url]");
        for (var i = 0; i < forms.length; i += 1) {
            enhance(forms[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUp);
    } else {
        setUp();
    }
})();

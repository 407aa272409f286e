/*
 * Progressive enhancement only: without this file the site works, the menu simply stays open.
 * Loaded in the head without defer so that the "js" class is set before the first paint and
 * the mobile menu does not flash open; everything else waits for the document.
 */
(function () {
    "use strict";

    var root = document.documentElement;
    root.classList.remove("no-js");
    root.classList.add("js");

    function setUpMenu() {
        var toggle = document.querySelector(".main-nav__toggle");
        if (!toggle) {
            return;
        }
        var menu = document.getElementById(toggle.getAttribute("aria-controls"));
        var nav = toggle.closest("nav");
        if (!menu || !nav) {
            return;
        }

        function isOpen() {
            return toggle.getAttribute("aria-expanded") === "true";
        }

        function setOpen(open) {
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
        }

        toggle.addEventListener("click", function () {
            setOpen(!isOpen());
        });

        // Escape closes the menu from anywhere inside it and hands focus back to the button.
        nav.addEventListener("keydown", function (event) {
            if ((event.key === "Escape" || event.key === "Esc") && isOpen()) {
                setOpen(false);
                toggle.focus();
                event.preventDefault();
            }
        });

        // A click or focus outside the menu closes it, so it never hides the page behind it.
        document.addEventListener("click", function (event) {
            if (isOpen() && !nav.contains(event.target)) {
                setOpen(false);
            }
        });
        nav.addEventListener("focusout", function (event) {
            if (isOpen() && event.relatedTarget && !nav.contains(event.relatedTarget)) {
                setOpen(false);
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUpMenu);
    } else {
        setUpMenu();
    }
})();

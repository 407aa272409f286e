"""The two outside checkers: axe-core inside the page, and the Nu Html Checker over saved HTML."""

import json
import re
import subprocess
import tempfile
from pathlib import Path

# WCAG 2.0 and 2.1, levels A and AA: what the EU Web Accessibility Directive (EN 301 549) asks.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(page, axe_script):
    """Run axe-core over the page as it is now, for the WCAG A and AA rules.

    Returns axe's result: ``violations`` (rules broken) and ``incomplete`` (what axe could not
    decide, such as text over a background image).
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the site's Content-Security-Policy refuses inline
        # scripts, and what Playwright evaluates is not held to it.
        page.evaluate(Path(axe_script).read_text(encoding="utf-8"))
    return page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations', 'incomplete'],
        })""",
        WCAG_TAGS,
    )


def unmeasured_contrast(result):
    """Text whose colour contrast axe could not measure, from a ``run_axe`` result.

    Symbols alone (an arrow beside "Next") are left out: contrast rules are about text.
    """
    found = []
    for rule in result["incomplete"]:
        if rule["id"] != "color-contrast":
            continue
        for node in rule["nodes"]:
            reasons = [check.get("message", "") for check in node.get("any", [])]
            if any("non-text characters" in reason for reason in reasons):
                continue
            found.append((" ".join(map(str, node["target"])), "; ".join(reasons)))
    return found


def describe_axe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"  {violation['id']} ({violation['impact']}): {violation['help']}"
            f" — {violation['helpUrl'].split('?')[0]}"
        )
        for node in violation["nodes"][:10]:
            target = " > ".join(
                part if isinstance(part, str) else " ".join(part) for part in node["target"]
            )
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            lines.append(f"      {target}")
            if summary:
                lines.append(f"        {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"      … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def validate_html(documents, vnu_command):
    """Validate many HTML documents in one run of the Nu Html Checker (Java starts slowly).

    ``documents`` maps a name (an address) to its HTML; the result maps each name with
    errors to a list of ``(line, message, extract)``.
    """
    with tempfile.TemporaryDirectory(prefix="srpp-vnu-") as folder:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")[:80] or "home"
            path = Path(folder) / f"{number:03d}-{slug}.html"
            path.write_text(html, encoding="utf-8")
            names[str(path.resolve())] = name
        completed = subprocess.run(
            [*vnu_command, "--format", "json", "--errors-only", "--exit-zero-always", *names],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    # The checker writes its report to standard error.
    try:
        messages = json.loads(completed.stderr)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise AssertionError(
            f"The Nu Html Checker did not report (exit {completed.returncode}):\n"
            f"{completed.stderr[-2000:]}"
        ) from error
    errors = {}
    for message in messages:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        url = message.get("url", "")
        name = names.get(re.sub(r"^file:", "", url), url or "(no file)")
        errors.setdefault(name, []).append(
            (message.get("lastLine", "?"), message["message"], (message.get("extract") or ""))
        )
    return errors


def describe_html_errors(errors):
    lines = []
    for name, messages in errors.items():
        lines.append(f"{name}:")
        for line, message, extract in messages:
            extract = " ".join(extract.split())[:120]
            lines.append(f"  line {line}: {message}" + (f"  [{extract}]" if extract else ""))
    return "\n".join(lines)

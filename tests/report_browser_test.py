# SPDX-License-Identifier: Apache-2.0
# report_browser_test.py: the page of `namescreen report` in a real browser. Writes the report of
# the fixture run (tests/data/report) and opens it from a file:// URL in Debian's headless
# chromium through chromium-driver and python3-selenium: no console errors, every hit rendered,
# names with markup shown as text and never run, the list, program and score-band filters and
# the sorting by score; saves screenshots of the top of the page and of its hits (the README's
# docs/report.png is report_hits.png).
# Exits 77 (ctest SKIP_RETURN_CODE) with a message where selenium or chromium is missing or
# chromium cannot start.
# Usage: python3 report_browser_test.py NAMESCREEN FIXTURE_DIR OUT_DIR
import json
import os
import shutil
import subprocess
import sys

SKIP = 77


def skip(why):
    print("SKIPPED: report browser test: %s" % why)
    sys.exit(SKIP)


def fail(why):
    print("FAILED: %s" % why)
    sys.exit(1)


def check(cond, why):
    if not cond:
        fail(why)


def write_report(cli, fixtures, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    html = os.path.join(out_dir, "report.html")
    r = subprocess.run([cli, "report", os.path.join(fixtures, "summary.json"),
                        os.path.join(fixtures, "hits.jsonl"), "-o", html],
                       capture_output=True, text=True, check=False)
    check(r.returncode == 0, "namescreen report exited %d: %s" % (r.returncode, r.stderr))
    return html


def fixture_hits(fixtures):
    with open(os.path.join(fixtures, "hits.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r for r in rows if r.get("hit")]


def start_browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as e:
        skip("python3-selenium is not installed (%s); bash scripts/install-deps.sh installs it" % e)
    browser = shutil.which("chromium")
    driver_bin = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if browser is None or not os.path.exists(driver_bin):
        skip("chromium or chromium-driver is not installed; bash scripts/install-deps.sh installs them")
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1280,1500", "--allow-file-access-from-files"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        return webdriver.Chrome(service=Service(driver_bin), options=opts)
    except Exception as e:  # chromium that cannot start here (no /dev/shm, no namespaces ...)
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        skip("chromium cannot start: %s" % first)


def visible(driver):
    return [h for h in driver.find_elements("css selector", "article.hit") if h.is_displayed()]


def choose(driver, select_id, value):
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element("id", select_id)).select_by_value(value)


def band_of(score):
    return "b95" if score >= 0.95 else "b90" if score >= 0.90 else "b85" if score >= 0.85 else "blow"


def run_checks(driver, html, hits, out_dir):
    driver.get("file://" + os.path.abspath(html))
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    check(not errors, "console errors: %s" % errors)
    check(driver.execute_script("return document.compatMode") == "CSS1Compat",
          "the page is in quirks mode")
    check(driver.execute_script("return typeof window.nscPwned") == "undefined",
          "a name's script ran")
    body = driver.find_element("tag name", "body").text
    run_id = hits[0]["run_id"]
    check(run_id in body, "the run id %s is not on the page" % run_id)
    for h in hits:
        check(h["query"] in body, "the input name %r is not shown as text" % h["query"])

    rows = driver.find_elements("css selector", "article.hit")
    check(len(rows) == len(hits), "%d hit rows rendered, the fixture has %d" % (len(rows), len(hits)))
    check(len(visible(driver)) == len(hits), "not every hit is shown before filtering")
    marked = driver.find_elements("css selector", "article.hit .name .tok")
    check(marked, "no matched token is highlighted")

    by_list = {}
    for h in hits:
        by_list[h["hit"]["list"]] = by_list.get(h["hit"]["list"], 0) + 1
    for lst, n in by_list.items():
        choose(driver, "f-list", lst)
        shown = visible(driver)
        check(len(shown) == n, "list filter %s shows %d hits, expected %d" % (lst, len(shown), n))
        check(all(s.get_attribute("data-list") == lst for s in shown), "list filter %s leaks" % lst)
    choose(driver, "f-list", "")

    band = band_of(min(h["hit"]["score"] for h in hits))
    want = sum(1 for h in hits if band_of(h["hit"]["score"]) == band)
    choose(driver, "f-band", band)
    check(len(visible(driver)) == want,
          "score band %s shows %d hits, expected %d" % (band, len(visible(driver)), want))
    choose(driver, "f-band", "")

    prog = hits[0]["hit"]["entity"]["programs"][0]
    want = sum(1 for h in hits if prog in h["hit"]["entity"]["programs"])
    choose(driver, "f-program", prog)
    check(len(visible(driver)) == want, "program filter %s shows %d hits, expected %d"
          % (prog, len(visible(driver)), want))
    choose(driver, "f-program", "")
    check(len(visible(driver)) == len(hits), "the filters, reset, do not show every hit again")

    def scores():
        return [float(s.get_attribute("data-score")) for s in visible(driver)]
    check(scores() == sorted(scores(), reverse=True), "hits are not first by score, highest first")
    button = driver.find_element("css selector", "button.sort[data-sort='score']")
    button.click()
    check(scores() == sorted(scores()), "score sorting (ascending) does not order the hits")
    button.click()
    check(scores() == sorted(scores(), reverse=True), "score sorting (descending) does not order")
    driver.find_element("css selector", "button.sort[data-sort='row']").click()
    rows_now = [int(s.get_attribute("data-row")) for s in visible(driver)]
    check(rows_now == sorted(rows_now), "row sorting does not order the hits")
    driver.find_element("css selector", "button.sort[data-sort='score']").click()

    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    check(not errors, "console errors after filtering and sorting: %s" % errors)
    shot = os.path.join(out_dir, "report.png")
    driver.save_screenshot(shot)
    driver.execute_script("document.getElementById('hits-section').scrollIntoView()")
    hits_shot = os.path.join(out_dir, "report_hits.png")
    driver.save_screenshot(hits_shot)
    print("screenshots: %s, %s" % (shot, hits_shot))


def main():
    if len(sys.argv) != 4:
        print("usage: report_browser_test.py NAMESCREEN FIXTURE_DIR OUT_DIR")
        sys.exit(2)
    cli, fixtures, out_dir = sys.argv[1:]
    html = write_report(cli, fixtures, out_dir)
    hits = fixture_hits(fixtures)
    driver = start_browser()
    try:
        run_checks(driver, html, hits, out_dir)
    finally:
        driver.quit()
    print("report browser test passed: %d hits" % len(hits))


if __name__ == "__main__":
    main()

"""The workbench in a real browser: what a new user sees and does, checked against the command
line. Screenshots of each page are saved in the output directory (see conftest.OUT)."""

import json
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import axe_source, cli, requested_urls

THEME = "https://w3id.org/smarty-kg/id/theme/digital-innovation-hubs"
PRACTICE = "access-innovation"
PAGES = ["/", "/network", "/network?kind=contacts", "/contacts", "/search?q=york",
         f"/id/practice/{PRACTICE}"]


def wait(driver, condition, seconds=30):
    return WebDriverWait(driver, seconds).until(condition)


def visible(driver, css):
    return wait(driver, EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def open_page(driver, base, path, ready_css):
    driver.get(base + path)
    return visible(driver, ready_css)


def network_counts(driver):
    counts = wait(driver, lambda d: d.find_element(By.ID, "network-counts")
                  if d.find_element(By.ID, "network-counts").get_attribute("data-nodes") else False)
    return int(counts.get_attribute("data-nodes")), int(counts.get_attribute("data-edges"))


def cli_counts(store, *args):
    network = json.loads(cli(store, "graph", *args, "--format", "json"))
    return network["metrics"]["nodes"], network["metrics"]["edges"]


def test_named_query_with_a_parameter_shows_its_rows(browser, server, out):
    open_page(browser, server, "/", "button[data-query='practices-by-theme']").click()
    field = visible(browser, "#param-theme")
    field.send_keys("theme:digital-innovation-hubs")
    browser.find_element(By.ID, "run-named").click()
    status = wait(browser, lambda d: d.find_element(By.ID, "query-status").text
                  if "row" in d.find_element(By.ID, "query-status").text else False)
    rows = int(status.split()[0])
    url = f"{server}/queries/practices-by-theme?theme=theme:digital-innovation-hubs"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    expected = len(json.load(urllib.request.urlopen(request, timeout=30))["results"]["bindings"])
    assert rows == expected > 0
    table_rows = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#results table tbody tr"))
    assert len(table_rows) == rows
    assert "Digital Innovation Hubs" in browser.find_element(By.ID, "results").text
    browser.save_screenshot(str(out / "workbench.png"))


def test_network_counts_equal_the_command_line_and_follow_the_theme_filter(browser, server, cli_store, out):
    open_page(browser, server, "/network", "#network canvas")
    assert network_counts(browser) == cli_counts(cli_store, "partners")
    browser.save_screenshot(str(out / "network.png"))
    Select(browser.find_element(By.ID, "theme")).select_by_value(THEME)
    expected = cli_counts(cli_store, "partners", "--theme", THEME)
    wait(browser, lambda d: network_counts(d) == expected)
    assert expected != cli_counts(cli_store, "partners")
    assert "theme=" in browser.current_url
    browser.save_screenshot(str(out / "network-theme.png"))


def test_clicking_a_node_opens_its_page(browser, server):
    open_page(browser, server, "/network?kind=contacts", "#network canvas")
    network_counts(browser)
    canvas = browser.find_element(By.ID, "network")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", canvas)
    wait(browser, lambda d: d.execute_script("return !!window.workbenchNetwork"))
    # The node drawn largest (highest betweenness) is the easiest to hit.
    target = browser.execute_script("""
        const cy = window.workbenchNetwork;
        const node = cy.nodes().max((n) => n.data('betweenness')).ele;
        const p = node.renderedPosition();
        return { x: p.x, y: p.y, label: node.data('label') };""")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(target["x"] - size["width"] / 2), int(target["y"] - size["height"] / 2)).click().perform()
    wait(browser, EC.url_contains("/id/practice/"))
    assert visible(browser, "h1").text == target["label"]


def test_practice_page_shows_its_facts_and_source_lines(browser, server, out):
    open_page(browser, server, f"/id/practice/{PRACTICE}", "#sources pre.source-lines")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Access Innovation"
    assert browser.title.startswith("Access Innovation")
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    for text in ["Regional platforms and clusters", "Leeds City Region", "£7,057,734.00", "2017-01", "Bryony Chipp"]:
        assert text in facts
    trail = browser.find_element(By.CSS_SELECTOR, "ol.trail").text
    assert "Yorkshire and The Humber (UKE)" in trail and "West Yorkshire (UKE4)" in trail
    sources = browser.find_element(By.ID, "sources").text
    assert "smarty-good-practice-guide-" in sources and "166 │ Access Innovation" in sources
    related = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby='related-title']").text
    assert "Skills for Growth" in related
    browser.save_screenshot(str(out / "practice.png"))


def test_shared_contacts_page_lists_the_five_persons(browser, server, cli_store, out):
    open_page(browser, server, "/contacts", "#contacts tbody tr")
    rows = browser.find_elements(By.CSS_SELECTOR, "#contacts tbody tr")
    expected = json.loads(cli(cli_store, "contacts", "--format", "json"))
    assert len(rows) == len(expected) == 5
    text = browser.find_element(By.ID, "contacts").text
    for person in expected:
        assert person["names"][0] in text
    assert "same e-mail" in text
    browser.save_screenshot(str(out / "contacts.png"))


def test_search_finds_practices_organisations_and_places(browser, server, out):
    open_page(browser, server, "/", "#top-search").send_keys("york", Keys.ENTER)
    visible(browser, "#search-count")
    assert "/search?q=york" in browser.current_url
    for kind in ["organisation", "place"]:
        assert browser.find_elements(By.CSS_SELECTOR, f"ul.hits.{kind} li"), kind
    browser.save_screenshot(str(out / "search.png"))
    field = browser.find_element(By.ID, "search-q")
    field.clear()
    field.send_keys("innovation", Keys.ENTER)
    hit = visible(browser, "ul.hits.practice li a")
    assert "innovation" in hit.text.lower()


def test_no_page_requests_anything_but_the_server(browser, server):
    requested_urls(browser)  # forget earlier requests
    for path in PAGES:
        open_page(browser, server, path, "main h1")
        browser.execute_script("return new Promise((r) => setTimeout(r, 500))")
        sources = browser.execute_script("""
            return [...document.querySelectorAll('[src], link[href]')]
              .map((e) => e.src || e.href);""")
        for url in sources:
            assert url.startswith((server, "data:", "blob:")), f"{path} loads {url}"
    urls = requested_urls(browser)
    assert urls, "the performance log recorded no request"
    outside = [u for u in urls if not u.startswith((server, "data:", "blob:"))]
    assert not outside


def personal_data(store):
    """Every contact's name and e-mail address in the guide."""
    rows = cli(store, "query", "--format", "json",
               "SELECT ?v WHERE { ?p a foaf:Person { ?p vcard:fn ?v } UNION { ?p smarty:printedEmail ?v } }")
    values = [b["v"]["value"] for b in json.loads(rows)["results"]["bindings"]]
    assert len(values) > 20
    return values


def test_public_pages_and_routes_show_no_contact(browser, public_server, cli_store):
    secrets = personal_data(cli_store)
    practices = json.loads(cli(cli_store, "query", "--format", "json",
                               "SELECT ?p WHERE { ?p a smarty:GoodPractice }"))["results"]["bindings"]
    slugs = [b["p"]["value"].rsplit("/", 1)[1] for b in practices]
    texts = {}
    for path in PAGES + [f"/id/practice/{s}" for s in slugs[:6]]:
        open_page(browser, public_server, path, "main h1")
        browser.execute_script("return new Promise((r) => setTimeout(r, 500))")
        texts[path] = browser.page_source + browser.find_element(By.TAG_NAME, "body").text
    routes = ["/api/contacts", "/api/networks/contacts", "/api/networks/partners", "/api/filters",
              "/api/vocabulary", "/api/search?q=a", "/api/search?q=e", "/assets/app.js", "/queries"]
    routes += [f"/api/practice/{s}" for s in slugs]
    for route in routes:
        with urllib.request.urlopen(public_server + route, timeout=60) as response:
            texts[route] = response.read().decode()
    for where, text in texts.items():
        folded = text.lower()
        leaked = [s for s in secrets if s.lower() in folded]
        assert not leaked, f"{where} shows {leaked}"
    # The guide's lines are still cited, the contact blocks withheld.
    page = texts[f"/id/practice/{PRACTICE}"]
    assert "166 │ Access Innovation" in page and "[withheld: personal data]" in page


@pytest.mark.parametrize("path", PAGES)
def test_accessibility_basics(browser, server, path):
    open_page(browser, server, path, "main h1")
    assert browser.title.strip()
    browser.execute_script(axe_source())
    result = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] }).then(done, (e) => done({ error: String(e) }));""")
    assert "error" not in result, result
    serious = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious
    # The keyboard reaches the page: the first Tab lands on the skip link.
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("class") == "skip"

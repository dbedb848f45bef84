#!/usr/bin/env python3
"""Drives the desk page in Debian's headless Chromium (selenium + chromedriver).

Run by tests/desk/desk_browser_test.cc after the demo pipeline has written its
events to the embedded cluster and `newsmon web` serves them:

    desk_browser.py --url http://127.0.0.1:PORT/ --brokers B --descriptor-set events.desc --shots DIR

Checks that the page lists every matched story the API holds, marks
Tokayev's quote NEW and its reprint "said before", shows a new event
produced meanwhile without a reload, keeps hostile story text inert,
filters quotes, and replays an edited rule in the workbench. Screenshots go to --shots. Exit status 0 when all hold.
"""
import argparse
import json
import os
import sys
import time
import urllib.request
import uuid

from confluent_kafka import Producer
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def wait_for(what, check, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = check()
        except StaleElementReferenceException:
            value = None  # the page re-rendered under us: look again
        if value:
            return value
        time.sleep(0.25)
    fail("timed out waiting for " + what)


# The page re-renders every 1.5 s, so elements found by one call can be gone
# by the next: what the checks read is read inside the page, in one call.
def texts(driver, selector):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText)", selector)


def attributes(driver, selector, name):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), e => e.getAttribute(arguments[1]))",
        selector, name)


def story_class(descriptor_set):
    files = descriptor_pb2.FileDescriptorSet()
    with open(descriptor_set, "rb") as f:
        files.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file_proto in files.file:
        pool.Add(file_proto)
    return message_factory.MessageFactory(pool).GetPrototype(pool.FindMessageTypeByName("newsmon.v1.StoryMatched"))


def produce_hostile_story(brokers, topic, descriptor_set):
    StoryMatched = story_class(descriptor_set)
    event = StoryMatched()
    event.event_id = "browser-test-" + uuid.uuid4().hex
    event.story.story_id = "browser-test-story"
    event.story.feed_id = "live-feed"
    event.story.title = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
                         'Live update: sanctions on tankers')
    event.story.url = "javascript:window.__pwned = 3"
    event.story.published.GetCurrentTime()
    match = event.topics.add()
    match.topic_id = "russia-sanctions"
    term = match.terms.add()
    term.term = "sanction*"
    term.snippet = 'new <b onmouseover="window.__pwned = 4">sanctions</b> on tankers'
    producer = Producer({"bootstrap.servers": brokers})
    producer.produce(topic, key=event.story.story_id, value=event.SerializeToString(), headers=[
        ("ce_specversion", b"1.0"), ("ce_id", event.event_id.encode()),
        ("ce_type", b"org.newsmon.story.matched.v1"), ("ce_source", b"urn:test"),
        ("content-type", b"application/protobuf"), ("newsmon-message", b"newsmon.v1.StoryMatched")])
    if producer.flush(10) != 0:
        fail("the live event was not delivered")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--stories-topic", default="newsmon.stories.v1")
    parser.add_argument("--descriptor-set", required=True)
    parser.add_argument("--shots", required=True)
    args = parser.parse_args()
    os.makedirs(args.shots, exist_ok=True)

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,1000"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    except Exception as e:  # Chromium cannot start here: say why
        fail("Chromium did not start: %s" % e)
    alerts = []
    try:
        driver.get(args.url)
        def api_titles():
            api = json.load(urllib.request.urlopen(args.url.rstrip("/") + "/api/desk"))
            titles = {s["title"] for t in api["topics"] for s in t["stories"]}
            return titles if len(titles) >= 3 else None
        # A group member reads once the group has assigned it the partitions.
        expected_titles = wait_for("the demo's 3 matched stories in /api/desk", api_titles, timeout=60)
        wait_for("the demo's stories", lambda: expected_titles <= set(texts(driver, ".story-title")))

        def tokayev_badges():
            badges = texts(driver, '.quote[data-leader="kz-tokayev"] .badge')
            return badges if "NEW" in badges and "said before" in badges else None
        # Events arrive one by one: wait for both of Tokayev's.
        wait_for("Tokayev's quote NEW and its reprint said before", tokayev_badges, timeout=30)
        before = attributes(driver, '.quote[data-leader="kz-tokayev"] .first-seen', "href")
        if not before or not (before[0] or "").startswith("https://"):
            fail("a quote said before links to where it was first seen")
        driver.save_screenshot(os.path.join(args.shots, "1-demo.png"))

        # A live event: the page picks it up without a reload.
        driver.execute_script("window.__sameDocument = 42;")
        produce_hostile_story(args.brokers, args.stories_topic, args.descriptor_set)
        live = wait_for("the live event", lambda: [
            pair for pair in driver.execute_script(
                "return Array.from(document.querySelectorAll('.story-title'), e => [e.innerText, e.tagName])")
            if "Live update" in pair[0]])
        if driver.execute_script("return window.__sameDocument") != 42:
            fail("the page reloaded to show the live event")
        # Hostile text stayed text.
        if not live[0][0].startswith("<script>window.__pwned = 1</script>"):
            fail("the hostile title was not shown as text: %r" % live[0][0])
        if live[0][1].lower() != "span":
            fail("a javascript: link became clickable")
        if driver.execute_script("return window.__pwned") is not None:
            fail("story text ran as script")
        if driver.find_elements(By.CSS_SELECTOR, '#stories img, #stories script, #stories b, a[href^="javascript"]'):
            fail("story text became markup")
        scripts = driver.find_elements(By.TAG_NAME, "script")
        if len(scripts) != 1:
            fail("the page should hold only its own script, found %d" % len(scripts))
        marks = [m.lower() for m in texts(driver, "#stories mark")]
        if "sanction" not in marks:
            fail("matched terms are not highlighted: %s" % marks[:10])
        driver.save_screenshot(os.path.join(args.shots, "2-live-event.png"))

        # Filters: new quotes only, then one leader.
        driver.find_element(By.ID, "new-only").click()
        shown = texts(driver, "#quotes .badge")
        if not shown or any(b != "NEW" for b in shown):
            fail("new only still shows %s" % shown)
        driver.find_element(By.CSS_SELECTOR, '#leader option[value="de-merz"]').click()
        leaders = set(attributes(driver, "#quotes .quote", "data-leader"))
        if leaders != {"de-merz"}:
            fail("the leader filter shows %s" % leaders)
        driver.save_screenshot(os.path.join(args.shots, "3-filtered.png"))
        # The rule workbench: a stricter sanctions rule loses the demo's sanctions story.
        wait_for("the workbench", lambda: driver.find_element(By.ID, "workbench-section").is_displayed())
        driver.find_element(By.CSS_SELECTOR, '#wb-topic option[value="russia-sanctions"]').click()
        query = driver.find_element(By.ID, "wb-query")
        if "sanction" not in query.get_attribute("value"):
            fail("the workbench should start from the topic's rule")
        query.clear()
        query.send_keys("sanction* AND zeppelin")
        driver.find_element(By.ID, "wb-try").click()
        lost = wait_for("the backtest result", lambda: texts(driver, "#wb-result .lost .wb-story"))
        if not any("EU widens sanctions" in t for t in lost):
            fail("the stricter rule should lose the sanctions story, lost %s" % lost)
        yaml = driver.find_element(By.ID, "wb-yaml").text
        if "id: russia-sanctions" not in yaml or "sanction* AND zeppelin" not in yaml:
            fail("the YAML to copy is %r" % yaml)
        query.clear()
        query.send_keys("sanction* AND AND")
        driver.find_element(By.ID, "wb-try").click()
        wait_for("the rule error", lambda: driver.find_elements(By.CSS_SELECTOR, "#wb-result p.lost"))
        driver.save_screenshot(os.path.join(args.shots, "4-workbench.png"))
        driver.set_window_size(390, 844)  # a phone
        driver.save_screenshot(os.path.join(args.shots, "5-phone.png"))
        overflow = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
        if overflow:
            fail("the page scrolls sideways on a phone")
        # The refused rule above answers 400 on purpose; anything else is an error.
        logs = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"
                and not ("/api/backtest" in e.get("message", "") and "400" in e.get("message", ""))]
        if logs:
            fail("the browser logged errors: %s" % logs)
    finally:
        driver.quit()
    print("OK: demo stories, NEW and said before, live event, inert hostile text, filters, workbench, phone width")
    return 0


if __name__ == "__main__":
    sys.exit(main())

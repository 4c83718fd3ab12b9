"""The web console in a real headless Chromium against a real `vane serve`: list → execution →
node panel; graph colours changing live; a running task's log growing; a gate approved and a
signal set from the page; a launch form refusing a wrong type next to the field; abort; a
10,000-node execution's page. One server and one browser for the whole module.

Every wait is on an explicit condition in the page (WebDriverWait); a page that reloaded
instead of updating live is caught by a marker set in the first page load.

With VANE_CONSOLE_SCREENSHOTS=DIR the main pages are saved there (light and dark), as in
docs/console/.
"""

import datetime
import os
import re
import signal
import subprocess
import urllib.request
import uuid
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import echo_fanout
from conftest import REPO
from console_browser import start_browser
from test_serve import start_server

EXAMPLE = REPO / "examples" / "console"
WAIT = 90
SHOTS = os.environ.get("VANE_CONSOLE_SCREENSHOTS")


@pytest.fixture(scope="module")
def server(vane_bin, tmp_path_factory):
    srv = start_server(vane_bin, tmp_path_factory.mktemp("console"))
    result = srv.pyflyte("register", "--image", "python:3.11", "--version", "v1", "console", cwd=EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr
    yield srv
    srv.process.send_signal(signal.SIGTERM)
    try:
        assert srv.process.wait(timeout=20) == 0
    except subprocess.TimeoutExpired:
        srv.process.kill()
        pytest.fail("vane serve did not stop within 20 s of SIGTERM")


@pytest.fixture(scope="module")
def browser():
    driver = start_browser()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def remote(server):
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    return FlyteRemote(Config.auto(config_file=str(server.config)),
                       default_project="flytesnacks", default_domain="development")


def base(server):
    return f"http://127.0.0.1:{server.http_port}/console/projects/flytesnacks/domains/development"


def launch(remote, workflow, **inputs):
    plan = remote.fetch_launch_plan(name=f"console.flow.{workflow}", version="v1")
    return remote.execute(plan, inputs=inputs, wait=False).id.name


def wait(browser, condition, what, timeout=WAIT):
    return WebDriverWait(browser, timeout, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,)
                         ).until(condition, message=f"timed out waiting for {what}")


def node_class(browser, node):
    boxes = browser.find_elements(By.CSS_SELECTOR, f'g.node[data-node="{node}"]')
    return boxes[0].get_attribute("class") if boxes else ""


def has_class(node, cls):
    return lambda b: cls in node_class(b, node).split()


def exec_phase(browser):
    # Read in one step inside the page: live updates replace the element, and between a
    # find_element and its .text Chrome may report the old one gone ("Node with given id does
    # not belong to the document") rather than stale.
    return browser.execute_script(
        "const e = document.querySelector('[data-exec-phase]'); return e ? e.innerText.trim() : ''")


def open_execution(browser, server, name, query=""):
    browser.get(f"{base(server)}/executions/{name}{query}")
    wait(browser, EC.presence_of_element_located((By.ID, "exec-head")), "the execution page")
    browser.execute_script("window.__loadedOnce = true;")


def assert_not_reloaded(browser):
    assert browser.execute_script("return window.__loadedOnce === true;"), "the page reloaded instead of updating"


def screenshot(browser, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        browser.execute_script(f"document.documentElement.setAttribute('data-theme', '{theme}');")
        browser.save_screenshot(str(Path(SHOTS) / f"{name}-{theme}.png"))
    browser.execute_script("document.documentElement.removeAttribute('data-theme');")


def test_list_then_execution_then_node_panel(server, browser, remote, tmp_path):
    flag = tmp_path / "flag"
    flag.write_text("go")
    name = launch(remote, "steps", flag=str(flag), x=4)
    browser.get(f"{base(server)}/executions")
    wait(browser, EC.element_to_be_clickable((By.LINK_TEXT, name)), "the execution in the list")
    screenshot(browser, "executions")
    # The list refreshes itself as executions change: click whichever link is there now.
    wait(browser, lambda b: b.find_element(By.LINK_TEXT, name).click() or True, "a click on the execution")
    wait(browser, EC.url_contains(f"/executions/{name}"), "the execution page")
    wait(browser, lambda b: exec_phase(b) == "Succeeded", "the execution to succeed")
    wait(browser, has_class("n0", "phase-succeeded"), "prepare to be green")
    # The page says how long the server took to build it (what the console benchmark reads).
    with urllib.request.urlopen(f"{base(server)}/executions/{name}", timeout=30) as page:
        assert re.fullmatch(r"render;dur=\d+\.\d\d", page.headers.get("Server-Timing", "")), page.headers
    browser.find_element(By.CSS_SELECTOR, 'a.node-link[data-node="n0"]').click()
    panel = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, '#node-panel [data-panel-node="n0"]')),
                 "the node panel")
    wait(browser, EC.url_contains(f"/executions/{name}/nodes/n0"), "the node's URL")
    text = panel.text
    assert "prepare" in text and "Succeeded" in text
    assert "preparing 4" in text  # its log
    inputs = panel.find_elements(By.CSS_SELECTOR, "dl.literals")
    assert inputs and "x" in inputs[0].text and "4" in inputs[0].text
    assert "5" in inputs[1].text  # the output o0 = x + 1
    screenshot(browser, "execution")
    # The timeline and the node table of the same execution.
    browser.find_element(By.LINK_TEXT, "Timeline").click()
    wait(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, ".tl-row")) == 3, "three timeline rows")
    assert browser.find_elements(By.CSS_SELECTOR, ".tl-row.critical"), "the critical path is marked"
    screenshot(browser, "timeline")
    browser.find_element(By.LINK_TEXT, "Nodes").click()
    wait(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, "tr[data-node-row]")) == 3, "three node rows")


def test_graph_recolours_live_and_running_logs_stream(server, browser, remote, tmp_path):
    flag = tmp_path / "flag"
    name = launch(remote, "steps", flag=str(flag), x=1)
    open_execution(browser, server, name)
    wait(browser, has_class("n1", "phase-running"), "hold to run (blue) without a reload")
    wait(browser, has_class("n0", "phase-succeeded"), "prepare to be green")
    browser.find_element(By.CSS_SELECTOR, 'a.node-link[data-node="n1"]').click()
    log = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, '#node-panel pre.log[data-log^="/"]')),
               "the running task's log")
    wait(browser, lambda b: "waiting for the flag, tick" in log.text, "the first log lines")
    first = log.text.count("tick")
    wait(browser, lambda b: log.text.count("tick") >= first + 5, "the log to grow while the task runs")
    flag.write_text("go")
    wait(browser, has_class("n1", "phase-succeeded"), "hold to turn green")
    wait(browser, has_class("n2", "phase-succeeded"), "report to turn green")
    wait(browser, lambda b: exec_phase(b) == "Succeeded", "the execution's badge to say Succeeded")
    wait(browser, lambda b: "flag found, finishing" in b.find_element(By.CSS_SELECTOR, "#node-panel").text,
         "the log's last line")
    assert_not_reloaded(browser)


def test_gate_is_approved_from_the_page(server, browser, remote):
    name = launch(remote, "reviewed", x=3)
    open_execution(browser, server, name)
    gate = wait(browser, lambda b: next(iter(b.find_elements(By.CSS_SELECTOR, 'g.node[data-kind="gate"]')), None),
                "the gate in the graph")
    gate_id = gate.get_attribute("data-node")
    wait(browser, has_class(gate_id, "phase-running"), "the gate to wait")
    browser.find_element(By.CSS_SELECTOR, f'a.node-link[data-node="{gate_id}"]').click()
    approve = wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, '[data-action="approve"]')),
                   "the approve button")
    screenshot(browser, "gate")
    approve.click()
    wait(browser, lambda b: exec_phase(b) == "Succeeded", "the execution to continue and succeed")
    assert "phase-succeeded" in node_class(browser, gate_id)
    execution = remote.fetch_execution(name=name)
    assert execution.outputs["o0"] == "z=4"


def test_signal_refuses_a_wrong_type_then_takes_a_value(server, browser, remote):
    name = launch(remote, "signalled", x=3)
    open_execution(browser, server, name)
    gate = wait(browser, lambda b: next(iter(b.find_elements(By.CSS_SELECTOR, 'g.node[data-kind="gate"]')), None),
                "the gate in the graph")
    gate_id = gate.get_attribute("data-node")
    wait(browser, has_class(gate_id, "phase-running"), "the gate to wait")
    browser.find_element(By.CSS_SELECTOR, f'a.node-link[data-node="{gate_id}"]').click()
    field = wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, '#node-panel input[data-field="value"]')),
                 "the signal's field")
    field.send_keys("lots")
    browser.find_element(By.CSS_SELECTOR, '[data-action="set-signal"]').click()
    error = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, '[data-error-for="value"]')),
                 "the message next to the field")
    assert "int" in error.text
    field = browser.find_element(By.CSS_SELECTOR, '#node-panel input[data-field="value"]')
    assert field.get_attribute("value") == "lots"
    field.clear()
    field.send_keys("5")
    browser.find_element(By.CSS_SELECTOR, '[data-action="set-signal"]').click()
    wait(browser, lambda b: exec_phase(b) == "Succeeded", "the execution to continue")
    assert remote.fetch_execution(name=name).outputs["o0"] == "z=9"


def test_launch_form_refuses_a_wrong_type_next_to_the_field(server, browser, remote):
    browser.get(f"{base(server)}/launch_plan/console.flow.typed_fixed/version/v1")
    count = wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, 'input[data-field="count"]')), "the form")
    seed = browser.find_element(By.CSS_SELECTOR, 'input[data-fixed="seed"]')
    assert seed.get_attribute("readonly") is not None and seed.get_attribute("value") == "7"
    settings = browser.find_element(By.CSS_SELECTOR, 'textarea[data-field="settings"]')
    assert "0.1" in settings.get_attribute("value") and "64" in settings.get_attribute("value")
    count.send_keys("many")
    browser.find_element(By.CSS_SELECTOR, '[data-action="launch"]').click()
    error = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, '[data-error-for="count"]')),
                 "the message next to count")
    assert "int" in error.text and "many" in error.text
    field = browser.find_element(By.CSS_SELECTOR, 'input[data-field="count"]')
    assert field.get_attribute("aria-invalid") == "true" and field.get_attribute("value") == "many"
    screenshot(browser, "launch")
    field.clear()
    field.send_keys("5")
    browser.find_element(By.CSS_SELECTOR, '[data-action="launch"]').click()
    wait(browser, EC.url_contains("/executions/"), "the new execution's page")
    wait(browser, lambda b: exec_phase(b) == "Succeeded", "the launched execution to succeed")
    name = browser.current_url.rstrip("/").split("/")[-1]
    assert remote.fetch_execution(name=name).outputs["o0"] == "run:5:False:0.1:96:7"


def test_abort_from_the_page(server, browser, remote, tmp_path):
    name = launch(remote, "steps", flag=str(tmp_path / "never"), x=1)
    open_execution(browser, server, name)
    wait(browser, has_class("n1", "phase-running"), "hold to run")
    browser.find_element(By.CSS_SELECTOR, 'input[name="cause"]').send_keys("not needed")
    browser.find_element(By.CSS_SELECTOR, '[data-action="abort"]').click()
    wait(browser, EC.alert_is_present(), "the confirmation").accept()
    wait(browser, lambda b: exec_phase(b) == "Aborted", "the execution to be aborted")
    wait(browser, lambda b: "not needed" in b.find_element(By.ID, "exec-head").text, "the abort's reason")
    assert not browser.find_elements(By.CSS_SELECTOR, '[data-action="abort"]')


def test_ten_thousand_node_execution_page_is_usable(server, browser):
    plan = echo_fanout.register(server.grpc_port, 10_000)
    name = echo_fanout.launch(server.grpc_port, plan, "fanout-" + uuid.uuid4().hex[:8])
    open_execution(browser, server, name)
    group = wait(browser, lambda b: next(iter(b.find_elements(By.CSS_SELECTOR, 'g.node[data-kind="group"]')), None),
                 "the fan-out's group box")
    assert "×10,000" in group.text
    wait(browser, lambda b: "10,000 done" in b.find_element(By.CSS_SELECTOR, 'g.node[data-kind="group"]').text,
         "the group to count 10,000 done", timeout=180)
    wait(browser, lambda b: exec_phase(b) == "Succeeded", "the execution to succeed")
    screenshot(browser, "fanout")
    browser.find_element(By.CSS_SELECTOR, 'g.node[data-kind="group"]').find_element(By.XPATH, "..").click()
    members = wait(browser, EC.element_to_be_clickable((By.LINK_TEXT, "List them")), "the group's panel")
    members.click()
    wait(browser, lambda b: "10000 nodes" in b.find_element(By.ID, "tab-body").text, "the group's members")
    assert len(browser.find_elements(By.CSS_SELECTOR, "tr[data-node-row]")) == 100
    browser.find_element(By.LINK_TEXT, "Next »").click()
    wait(browser, lambda b: "page 2 of 100" in b.find_element(By.ID, "tab-body").text, "the second page")
    rows = browser.find_elements(By.CSS_SELECTOR, "tr[data-node-row]")
    assert len(rows) == 100 and all("Succeeded" in row.text for row in rows[:5])

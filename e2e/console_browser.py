"""A headless Chromium driven by selenium, for the console's browser tests and benchmark.

Debian's chromium and chromium-driver (scripts/console/install.sh); the driver is named
explicitly so selenium never tries to download one.
"""

import os

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMEDRIVER = os.environ.get("VANE_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("VANE_CHROMIUM", "/usr/bin/chromium")


def start_browser(width: int = 1440, height: int = 960) -> webdriver.Chrome:
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver

#!/usr/bin/env python3
"""End-to-end test of `merit serve` in a real browser: Debian's chromium driven by chromium-driver through
Selenium (PyPI), against the server started on loopback with a fresh store. Nothing downloads a browser.

The steps (issue 13): an admin creates accounts; an assessor uploads the example cohort with one bad file,
sees the located error, fixes it and uploads again; HR opens a plan, edits an activity, saves and sees the new
version; the training unit sees the gap summary and is refused a person's page and a plan download.
A screenshot of each step is saved under Tests/Browser/screenshots/ (ignored by git; CI keeps it).

Usage: python3 Tests/Browser/browser_test.py [path/to/merit]   (default .build/debug/merit)
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MERIT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/merit"))
SHOTS = os.path.join(ROOT, "Tests/Browser/screenshots")
EXAMPLES = os.path.join(ROOT, "Instruments/examples")
NIP = "197702102007051001"  # Siti Saputra, kepala-bkpsdm
ADMIN_PASSWORD = "kata sandi admin yang panjang"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Check:
    def __init__(self):
        self.failures = []
        self.step = 0

    def expect(self, condition, what):
        print(("ok   " if condition else "FAIL ") + what, flush=True)
        if not condition:
            self.failures.append(what)


def main():
    work = tempfile.mkdtemp(prefix="merit-browser-")
    os.makedirs(SHOTS, exist_ok=True)
    for old in os.listdir(SHOTS):
        os.remove(os.path.join(SHOTS, old))
    store = os.path.join(work, "merit.sqlite")
    subprocess.run([MERIT, "user", "add", "admin1", "--role", "admin", "--password-stdin", "--store", store],
                   input=ADMIN_PASSWORD.encode(), check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([MERIT, "serve", "--port", str(port), "--store", store], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check = Check()
    browser = None
    try:
        line = server.stdout.readline()
        check.expect(line.startswith(f"merit serve: {base}/"), f"merit serve says where it listens ({line.strip()})")
        options = Options()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600", "--disable-dev-shm-usage"]:
            options.add_argument(argument)
        browser = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        browser.implicitly_wait(5)

        def shot(name):
            check.step += 1
            browser.save_screenshot(os.path.join(SHOTS, f"{check.step:02d}-{name}.png"))

        def follow(element):
            """Clicks a button or link and waits until the browser has left the page it was on: the click returns
            before the next page has loaded, and reading at once could read the old page (or a stale element)."""
            # A mark on the old page's window: gone once the next page is loaded. (Selenium's staleness_of
            # can itself fail mid-navigation with "Node ... does not belong to the document".)
            browser.execute_script("window.meritOldPage = true")
            element.click()

            def next_page_loaded(b):
                try:
                    return b.execute_script("return window.meritOldPage === undefined && document.readyState === 'complete'")
                except WebDriverException:
                    return False
            WebDriverWait(browser, 30).until(next_page_loaded)

        def sign_in(name, password):
            browser.delete_all_cookies()
            browser.get(base + "/sign-in")
            browser.find_element(By.NAME, "name").send_keys(name)
            browser.find_element(By.NAME, "password").send_keys(password)
            follow(browser.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button"))
            check.expect(f"{name} (" in browser.find_element(By.TAG_NAME, "nav").text, f"{name} is signed in")

        def status(path):
            """The HTTP status of a GET with the browser's session cookie (Selenium does not show statuses)."""
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
            request = urllib.request.Request(base + path, headers={"Cookie": cookie})
            try:
                with urllib.request.urlopen(request) as answer:
                    return answer.status, answer.read()
            except urllib.error.HTTPError as error:
                return error.code, error.read()

        # 1. The admin creates an account per role; each password is shown once.
        sign_in("admin1", ADMIN_PASSWORD)
        passwords = {}
        for name, role in [("asesor1", "asesor"), ("hr1", "hr"), ("latih1", "pelatihan")]:
            browser.get(base + "/accounts")
            browser.find_element(By.NAME, "name").send_keys(name)
            Select(browser.find_element(By.NAME, "role")).select_by_value(role)
            if role == "asesor":
                browser.find_element(By.NAME, "assessor").send_keys("asesor-05")
            follow(browser.find_element(By.CSS_SELECTOR, "form[action='/accounts'] button"))
            passwords[name] = browser.find_element(By.ID, "password").text
            check.expect(len(passwords[name]) >= 12, f"account {name} ({role}) created with a password shown once")
        shot("admin-accounts")
        # The admin checks the server's library: it loads, and its content is counted.
        browser.get(base + "/library")
        check.expect("Pustaka termuat tanpa kesalahan." in browser.find_element(By.ID, "outcome").text,
                     "the library check says the library loads")
        shot("admin-library")

        # 2. The assessor uploads the cohort with one bad rating, sees where, fixes it and uploads again.
        sign_in("asesor1", passwords["asesor1"])
        bad = os.path.join(work, "bad")
        os.makedirs(bad)
        for name in ["profiles.csv", "tests.csv", "levels.csv"]:
            shutil.copy(os.path.join(EXAMPLES, name), bad)
        with open(os.path.join(EXAMPLES, "ratings.csv"), encoding="utf-8") as source:
            ratings = source.read()
        lines = ratings.split("\n")
        lines[1] = lines[1].replace(";2,5;", ";9;", 1)
        with open(os.path.join(bad, "ratings.csv"), "w", encoding="utf-8") as target:
            target.write("\n".join(lines))
        files = [os.path.join(bad, name) for name in ["profiles.csv", "ratings.csv", "tests.csv", "levels.csv"]]
        browser.get(base + "/upload")
        browser.find_element(By.NAME, "files").send_keys("\n".join(files))
        follow(browser.find_element(By.CSS_SELECTOR, "form[action='/upload'] button"))
        outcome = browser.find_element(By.ID, "outcome").text
        findings = browser.find_element(By.CSS_SELECTOR, "table.findings").text
        check.expect("Tidak ada yang diimpor" in outcome, "the upload with a bad rating imports nothing")
        check.expect("ratings.csv baris 2, kolom 51 error column 'rating' (E): rating 9 is off the scale" in findings,
                     "the bad rating is shown with its file, line and column")
        shot("asesor-upload-refused")
        shutil.copy(os.path.join(EXAMPLES, "ratings.csv"), os.path.join(bad, "ratings.csv"))
        browser.find_element(By.NAME, "files").send_keys("\n".join(files))
        follow(browser.find_element(By.CSS_SELECTOR, "form[action='/upload'] button"))
        outcome = browser.find_element(By.ID, "outcome").text
        check.expect("Diimpor: 4 berkas; 40 orang dinilai ulang." in outcome, f"the fixed upload imports ({outcome})")
        shot("asesor-upload-imported")
        browser.get(base + "/evidence")
        check.expect("penilaian oleh asesor-05." in browser.find_element(By.TAG_NAME, "body").text,
                     "the assessor sees the ratings they gave")

        # 3. HR opens a plan, moves its first activity to another quarter, saves, and sees the new version.
        sign_in("hr1", passwords["hr1"])
        browser.get(base + "/people?q=saputra")
        follow(browser.find_element(By.LINK_TEXT, NIP))
        check.expect("Siti Saputra" in browser.find_element(By.TAG_NAME, "h1").text, "HR opens Siti Saputra's plan")
        shot("hr-plan")
        follow(browser.find_element(By.LINK_TEXT, "Sunting rencana"))
        quarter = browser.find_element(By.NAME, "quarter-0")
        new_quarter = "4" if quarter.get_attribute("value") != "4" else "3"
        quarter.clear()
        quarter.send_keys(new_quarter)
        browser.find_element(By.NAME, "notes").send_keys("Dibahas dengan atasan langsung.")
        shot("hr-editor")
        follow(browser.find_element(By.XPATH, "//button[text()='Simpan sebagai versi baru']"))
        versions = browser.find_element(By.ID, "versions").text
        check.expect("Versi 1 — hr1" in versions, f"the saved plan is version 1 by hr1 ({versions})")
        check.expect("Dibahas dengan atasan langsung." in browser.page_source, "the new version's notes are in the plan")
        shot("hr-new-version")
        code, pdf = status(f"/people/{NIP}/plan.pdf")
        check.expect(code == 200 and pdf.startswith(b"%PDF"), f"HR downloads the plan as a PDF printed by Chromium ({code}, {len(pdf)} bytes)")

        # 4. The training unit sees the gap summary, and is refused a person's page and a plan download.
        sign_in("latih1", passwords["latih1"])
        browser.get(base + "/gaps")
        check.expect("Ringkasan Kebutuhan Pengembangan Kompetensi" in browser.page_source, "the training unit sees the gap summary")
        check.expect(NIP not in browser.page_source and "Siti Saputra" not in browser.page_source, "with no one's name or NIP")
        shot("training-gaps")
        browser.get(base + f"/people/{NIP}")
        check.expect("Akses ditolak" in browser.page_source and "Saputra" not in browser.page_source, "a person's page is refused")
        shot("training-person-refused")
        code, body = status(f"/people/{NIP}")
        check.expect(code == 403, f"a person's page answers 403 to the training unit ({code})")
        code, body = status(f"/people/{NIP}/plan.pdf")
        check.expect(code == 403 and b"Saputra" not in body, f"a plan download answers 403 to the training unit ({code})")
    finally:
        if browser is not None:
            browser.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    if check.failures:
        print(f"{len(check.failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print(f"browser test passed; screenshots in {os.path.relpath(SHOTS, ROOT)}/")


if __name__ == "__main__":
    main()

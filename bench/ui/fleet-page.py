#!/usr/bin/env python3
"""The fleet page with a large fleet (issue 11): page load and the browser's main-thread cost of
each refresh, with HOSTS synthetic hosts each pushing a batch every second (CPU changing), at 25
and at 100 rows a page in the same run (the peer: the ratio says what more rows on screen cost).

  bench/ui/fleet-page.py BASE SECRETS HOSTS SECONDS

Load: Navigation Timing's loadEventEnd, and until the table's rows are in the page, median of 5
loads. Refresh cost: Chrome's own TaskDuration (CDP Performance.getMetrics) over SECONDS divided
by the refreshes the page made (counted in the page), and PerformanceObserver long tasks.
Needs Debian's chromium and chromium-driver and Python's selenium (pip install selenium).
"""
import json, re, statistics, sys, threading, time, urllib.request, uuid
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, secrets = sys.argv[1].rstrip('/'), open(sys.argv[2]).read()
hosts, seconds = int(sys.argv[3]), int(sys.argv[4])
password = re.search(r'VIGIA_ADMIN_INITIAL_PASSWORD=(\S+)', secrets).group(1)
fleet_key = re.search(r'VIGIA_FLEET_KEY=(\S+)', secrets).group(1)
prefix = 'fleetbench-' + uuid.uuid4().hex[:4]


def post(path, body, bearer):
    r = urllib.request.Request(base + path, data=json.dumps(body).encode(), method='POST',
                               headers={'Content-Type': 'application/json', 'Authorization': 'Bearer ' + bearer})
    return json.load(urllib.request.urlopen(r, timeout=30))


agents = []
for i in range(hosts):
    aid, name = str(uuid.uuid4()), '%s-%03d' % (prefix, i)
    agents.append((aid, name, post('/api/v1/enroll', {'agentId': aid, 'host': name}, fleet_key)['token']))
stop = threading.Event()


def push(part):
    seq = int(time.time() * 1000)
    while not stop.is_set():
        start = time.time()
        for aid, name, token in part:
            seq += 1
            now = int(time.time() * 1000)
            cpu = (now // 1000 + hash(name)) % 100
            post('/api/v1/ingest', {'agentId': aid, 'host': name, 'seq': seq, 'ts': now, 'source': 'proc',
                                    'cpu': {'pct': cpu, 'cores': 4},
                                    'memory': {'totalKb': 8000000, 'freeKb': 1000000, 'availableKb': 3000000,
                                               'buffersKb': 0, 'cachedKb': 0, 'swapTotalKb': 0, 'swapFreeKb': 0},
                                    'load': {'one': 0.5, 'five': 0.4, 'fifteen': 0.3}}, token)
        stop.wait(max(0, 1 - (time.time() - start)))


threads = [threading.Thread(target=push, args=(agents[k::10],), daemon=True) for k in range(10)]
for t in threads:
    t.start()

o = webdriver.ChromeOptions()
o.binary_location = '/usr/bin/chromium'
for a in ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--window-size=1280,900']:
    o.add_argument(a)
d = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=o)
try:
    d.get(base + '/login.xhtml')
    d.find_element(By.ID, 'login:username').send_keys('admin')
    d.find_element(By.ID, 'login:password').send_keys(password)
    d.find_element(By.ID, 'login:submit').click()
    WebDriverWait(d, 30).until(lambda x: '/login.xhtml' not in x.current_url)
    time.sleep(15)  # every host has pushed and has sparkline points
    url = base + '/?q=' + prefix
    for rows in (25, 100):
        loads = []
        for _ in range(5):
            d.get(url)
            WebDriverWait(d, 30).until(lambda x: x.execute_script(
                "return document.querySelectorAll('[id=\"fleet:hosts_data\"] > tr[data-ri]').length") > 0)
            loads.append(d.execute_script(
                "var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd;"))
        if rows != 25:
            d.execute_script("var s = document.querySelector('.ui-paginator-rpp-options');"
                             "s.value = '%d'; s.dispatchEvent(new Event('change'));" % rows)
            WebDriverWait(d, 30).until(lambda x: x.execute_script(
                "return document.querySelectorAll('[id=\"fleet:hosts_data\"] > tr[data-ri]').length") >= min(rows, hosts))
        d.execute_script(
            "window.benchRefreshes = 0; window.benchApplyMs = 0; window.benchTables = 0;"
            "var a = VigiaFleet.apply; VigiaFleet.apply = function () { window.benchRefreshes++;"
            " var t = performance.now(); var r = a.apply(VigiaFleet, arguments);"
            " window.benchApplyMs += performance.now() - t; return r; };"
            "var t = window.vigiaFleetTable; window.vigiaFleetTable = function () {"
            " window.benchTables++; return t.apply(this, arguments); };"
            "window.benchLong = []; new PerformanceObserver(function (l) { l.getEntries().forEach("
            " function (e) { window.benchLong.push(e.duration); }); }).observe({entryTypes: ['longtask']});")
        d.execute_cdp_cmd('Performance.enable', {})
        m = lambda: {x['name']: x['value'] for x in d.execute_cdp_cmd('Performance.getMetrics', {})['metrics']}
        before = m()
        time.sleep(seconds)
        after = m()
        n = d.execute_script('return window.benchRefreshes;')
        apply_ms = d.execute_script('return window.benchApplyMs;')
        tables = d.execute_script('return window.benchTables;')
        long_tasks = d.execute_script('return window.benchLong;')
        shown = d.execute_script("return document.querySelectorAll('[id=\"fleet:hosts_data\"] > tr[data-ri]').length")
        per = (after['TaskDuration'] - before['TaskDuration']) * 1000 / max(n, 1)
        print('| %d hosts, %d rows shown | %.0f ms | %d (%d re-rendered) | %.1f ms (writing the figures: %.1f ms) | %d, max %.0f ms |' % (
            hosts, shown, statistics.median(loads), n, tables, per, apply_ms / max(n, 1), len(long_tasks), max(long_tasks or [0])))
finally:
    stop.set()
    d.quit()

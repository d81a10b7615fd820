#!/usr/bin/env python3
"""The live host page in headless Chromium, measured in the browser (issue 11).

Latency: for each batch the page draws, the time from the sample's own timestamp (taken by the
agent) to the moment the CPU chart has drawn it (host.js records both in VigiaHost.shown; agent,
monitor and browser share this machine's clock). Cost: the browser's long tasks (main-thread work
over 50 ms, PerformanceObserver 'longtask', counted from the end of the page load) and the duration of each tree refresh the page makes
after pushes (the Faces AJAX round trip, rendering included).

  bench/ui/host-page.py BASE SECRETS HOST SECONDS            # a running ./vigia up and its agent
  bench/ui/host-page.py BASE SECRETS HOST SECONDS --synthetic 2000
      # this script enrols HOST with the fleet key and pushes a batch of 2,000 processes (a tree:
      # 20 parents of 99 children each under pid 1, CPU figures changing) every second itself

BASE is the monitor (http://localhost:30080), SECRETS the secrets.env that ./vigia up wrote.
"""
import json, os, random, re, statistics, sys, threading, time, urllib.request
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, secrets, host, seconds = sys.argv[1].rstrip('/'), sys.argv[2], sys.argv[3], int(sys.argv[4])
synthetic = int(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[5] == '--synthetic' else 0
text = open(secrets).read()
password = re.search(r'VIGIA_ADMIN_INITIAL_PASSWORD=(\S+)', text).group(1)
fleet_key = re.search(r'VIGIA_FLEET_KEY=(\S+)', text).group(1)


def post(path, token, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method='POST',
                                 headers={'Content-Type': 'application/json',
                                          'Authorization': 'Bearer ' + token})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b'null')


def pusher(stop):
    agent = 'bench-' + host
    token = post('/api/v1/enroll', fleet_key, {'agentId': agent, 'host': host})['token']
    seq = 0
    procs = [{'pid': 1, 'ppid': 0, 'startTicks': 1, 'name': 'init', 'command': '/sbin/init',
              'user': 'root', 'uid': 0, 'state': 'S', 'cpuPct': 0.1, 'rssKb': 9000, 'ramPct': 0.1}]
    for i in range(synthetic - 1):
        parent = 1 if i % 100 == 0 else 2 + (i // 100) * 100
        procs.append({'pid': 2 + i, 'ppid': parent, 'startTicks': 100 + i, 'name': 'worker-%d' % i,
                      'command': '/usr/bin/worker --id %d' % i, 'user': 'app', 'uid': 1000,
                      'state': 'S', 'cpuPct': 0.0, 'rssKb': 1000 + i, 'ramPct': 0.01})
    while not stop.is_set():
        seq = int(time.time() * 1000)  # above any earlier run's, so no batch is a duplicate
        for p in procs:
            p['cpuPct'] = round(random.random() * 5, 1)
        now = int(time.time() * 1000)
        pushes.append(now)
        post('/api/v1/ingest', token, {
            'agentId': agent, 'host': host, 'seq': seq, 'ts': now, 'source': 'proc',
            'cpu': {'pct': random.random() * 100, 'cores': 2, 'perCorePct': [random.random() * 100] * 2},
            'memory': {'totalKb': 16000000, 'freeKb': 8000000, 'availableKb': 9000000, 'buffersKb': 0,
                       'cachedKb': 0, 'swapTotalKb': 1000000, 'swapFreeKb': 900000},
            'load': {'one': 1.0, 'five': 0.8, 'fifteen': 0.5},
            'processes': {'counts': {'total': len(procs), 'running': 1, 'sleeping': len(procs) - 1,
                                     'diskSleep': 0, 'stopped': 0, 'zombie': 0, 'idle': 0},
                          'list': procs},
            'containers': []})
        push_ms.append(time.time() * 1000 - now)
        stop.wait(max(0, 1 - (time.time() * 1000 - now) / 1000))


stop = threading.Event()
pushes, push_ms = [], []
if synthetic:
    threading.Thread(target=pusher, args=(stop,), daemon=True).start()
    time.sleep(3)

options = webdriver.ChromeOptions()
options.binary_location = '/usr/bin/chromium'
for a in ['--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1280,900']:
    options.add_argument(a)
d = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
try:
    d.get(base + '/login.xhtml')
    d.find_element(By.ID, 'login:username').send_keys('admin')
    d.find_element(By.ID, 'login:password').send_keys(password)
    d.find_element(By.ID, 'login:submit').click()
    WebDriverWait(d, 30).until(lambda x: '/login.xhtml' not in x.current_url)
    t0 = time.time()
    d.get(base + '/host.xhtml?name=' + host)
    load_ms = d.execute_script(
        "var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;")
    d.execute_script("""
      window.benchLong = []; window.benchRefresh = [];
      new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) {
        window.benchLong.push(e.duration); }); }).observe({ type: 'longtask' });
      new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) {
        if (e.initiatorType === 'xmlhttprequest') { window.benchRefresh.push(e.duration); } }); })
        .observe({ type: 'resource' });
      window.benchFrom = VigiaHost.shown.length;""")
    time.sleep(seconds)
    shown = d.execute_script("return VigiaHost.shown.slice(window.benchFrom);")
    longs = d.execute_script("return window.benchLong;")
    refresh = d.execute_script("return window.benchRefresh;")
    rows = d.execute_script("return document.querySelectorAll('.host-tree tbody tr').length;")
finally:
    d.quit()
    stop.set()

lat = sorted(s['at'] - s['ts'] for s in shown)


def pct(v, q):
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))] if v else float('nan')


print('host %s, %d s, %s' % (host, seconds, 'synthetic %d processes' % synthetic if synthetic else 'real agent'))
print('page load (navigation to load event): %.0f ms; tree rows rendered: %d' % (load_ms, rows))
print('points drawn: %d; sample->drawn ms: p50 %.0f, p95 %.0f, max %.0f' % (
    len(lat), pct(lat, .5), pct(lat, .95), lat[-1] if lat else float('nan')))
print('tree refreshes: %d; round trip ms: p50 %.0f, p95 %.0f, max %.0f' % (
    len(refresh), pct(sorted(refresh), .5), pct(sorted(refresh), .95), max(refresh) if refresh else float('nan')))
if synthetic:
    print('synthetic pushes: %d, each answered in ms: p50 %.0f, p95 %.0f' % (
        len(push_ms), pct(sorted(push_ms), .5), pct(sorted(push_ms), .95)))
print('long tasks (>50 ms main thread): %d, total %.0f ms, max %.0f ms, over %d s' % (
    len(longs), sum(longs), max(longs) if longs else 0, seconds))

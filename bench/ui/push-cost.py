#!/usr/bin/env python3
"""Server cost of the live host page: the monitor's CPU with TABS browser tabs watching a host's
live page, against none (issue 11). CPU is the monitor JVM's utime+stime from /proc/PID/stat over
SECONDS, as a share of one core; the tabs are in one headless Chromium logged in as admin, each
with its WebSocket (a push per batch) and its tree refreshes (a Faces AJAX request at most every
3 s after pushes).

  bench/ui/push-cost.py BASE SECRETS HOST MONITOR_PID TABS SECONDS [--push-only]

--push-only pauses the tree refreshes in every tab (VigiaHost.pauseRefresh): the pushes alone.
"""
import os, re, sys, time
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, secrets, host = sys.argv[1].rstrip('/'), sys.argv[2], sys.argv[3]
pid, tabs, seconds = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
push_only = '--push-only' in sys.argv
password = re.search(r'VIGIA_ADMIN_INITIAL_PASSWORD=(\S+)', open(secrets).read()).group(1)
hz = os.sysconf('SC_CLK_TCK')


def cpu_seconds():
    fields = open('/proc/%d/stat' % pid).read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / hz


def measure():
    c0, t0 = cpu_seconds(), time.time()
    time.sleep(seconds)
    return 100 * (cpu_seconds() - c0) / (time.time() - t0)


idle = measure()
options = webdriver.ChromeOptions()
options.binary_location = '/usr/bin/chromium'
for a in ['--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1280,900',
          '--disable-background-timer-throttling', '--disable-renderer-backgrounding']:
    options.add_argument(a)
d = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
try:
    d.get(base + '/login.xhtml')
    d.find_element(By.ID, 'login:username').send_keys('admin')
    d.find_element(By.ID, 'login:password').send_keys(password)
    d.find_element(By.ID, 'login:submit').click()
    WebDriverWait(d, 30).until(lambda x: '/login.xhtml' not in x.current_url)
    for i in range(tabs):
        if i:
            d.switch_to.new_window('tab')
        d.get(base + '/host.xhtml?name=' + host)
        if push_only:
            d.execute_script('VigiaHost.pauseRefresh(true);')
    time.sleep(10)
    watched = measure()
    drawn = sum(d.execute_script('return VigiaHost.shown.length;') or 0 for h in d.window_handles
                if d.switch_to.window(h) is None)
finally:
    d.quit()
print('monitor pid %d, %d s each: no page open %.1f %% of a core; %d tabs watching %s%s %.1f %%'
      ' (%d points drawn in all)' % (pid, seconds, idle, tabs, host,
                                     ' (pushes only)' if push_only else '', watched, drawn))

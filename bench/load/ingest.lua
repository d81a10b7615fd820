tokens = {}
for line in io.lines(os.getenv("TOKENS") or "tokens.txt") do tokens[#tokens + 1] = line end
counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local i = (counter % #tokens) + 1
  local seq = counter * 1000 + math.random(0, 999)
  local ts = os.time() * 1000
  local body = '{"agentId":"wa-' .. i .. '","host":"wh-' .. i .. '","seq":' .. seq .. ',"ts":' .. ts .. ',"source":"proc","cpu":{"pct":12.5,"cores":4},"memory":{"totalKb":8000000,"freeKb":1000000,"availableKb":6000000},"load":{"one":0.5,"five":0.4,"fifteen":0.3},"containers":[{"id":"c1","name":"a","image":"busybox","state":"running","cpuPct":1.0,"memUsedBytes":1000,"memLimitBytes":2000},{"id":"c2","name":"b","image":"busybox","state":"running","cpuPct":1.0,"memUsedBytes":1000,"memLimitBytes":2000},{"id":"c3","name":"c","image":"busybox","state":"running","cpuPct":1.0,"memUsedBytes":1000,"memLimitBytes":2000},{"id":"c4","name":"d","image":"busybox","state":"running","cpuPct":1.0,"memUsedBytes":1000,"memLimitBytes":2000},{"id":"c5","name":"e","image":"busybox","state":"running","cpuPct":1.0,"memUsedBytes":1000,"memLimitBytes":2000}]}'
  return wrk.format(nil, "/api/v1/ingest", {["Authorization"] = "Bearer " .. tokens[i]}, body)
end

-- wrk script: rotates the Authorization header over the tokens in $BENCH_TOKENS (one per line).
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] })
end

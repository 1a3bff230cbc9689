# bench/report.awk: the table and the ratios of make bench, from lines
# "N command seconds maxrss_kb" (one per run) and the sizes file (-v sizes=,
# lines "N input_bytes output_bytes").
BEGIN {
  while ((getline l < sizes) > 0) { split(l, f, " "); in_b[f[1]] = f[2]; out_b[f[1]] = f[3] }
  ncmd = split("first base-first rerender base-rerender kustomize-input bad render explain floor identity helm kustomize", cmds, " ")
}
{ key = $1 " " $2; t[key] = t[key] " " $3; if ($4 > m[key]) m[key] = $4; ns[$1] = 1 }

function median(s,   a, n, i, j, x) {
  n = split(s, a, " ")
  for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j+1] = a[j]; a[j+1] = x }
  lo = a[1]; hi = a[n]
  return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
function ratio(a, b) { return (a in med && b in med && med[b] > 0) ? sprintf("%.2f", med[a] / med[b]) : "-" }
function memratio(a, b) { return (a in m && b in m && m[b] > 0) ? sprintf("%.2f", m[a] / m[b]) : "-" }

END {
  printf "%-8s %-16s %10s %10s %10s %10s\n", "N", "command", "median s", "min s", "max s", "peak MiB"
  nn = 0
  for (n in ns) list[++nn] = n + 0
  for (i = 2; i <= nn; i++) { x = list[i]; for (j = i - 1; j >= 1 && list[j] > x; j--) list[j+1] = list[j]; list[j+1] = x }
  for (i = 1; i <= nn; i++) {
    n = list[i]
    for (c = 1; c <= ncmd; c++) {
      key = n " " cmds[c]
      if (!(key in t)) continue
      med[key] = median(t[key])
      printf "%-8s %-16s %10.4f %10.4f %10.4f %10.1f\n", n, cmds[c], med[key], lo, hi, m[key] / 1024
    }
  }
  print ""
  for (i = 1; i <= nn; i++) {
    n = list[i]
    printf "N=%-7s first/helm %s, rerender/helm %s, rerender/first %s, first/identity %s, first/floor %s, first/kustomize %s\n",
      n, ratio(n " first", n " helm"), ratio(n " rerender", n " helm"), ratio(n " rerender", n " first"),
      ratio(n " first", n " identity"), ratio(n " first", n " floor"), ratio(n " first", n " kustomize")
    printf "          peak memory / output size: first %.1f, rerender %.1f (output %.1f MB)",
      m[n " first"] * 1024 / out_b[n], m[n " rerender"] * 1024 / out_b[n], out_b[n] / 1e6
    if ((n " kustomize-input") in med) printf "; kustomize-input/first %s", ratio(n " kustomize-input", n " first")
    if ((n " bad") in med) printf "; one bad spec/valid: time %s, memory %s", ratio(n " bad", n " first"), memratio(n " bad", n " first")
    printf "\n"
    if ((n " explain") in med)
      printf "          render --explain / render %s\n", ratio(n " explain", n " render")
    if ((n " base-first") in med)
      printf "          against the baseline: first %s (base-first/helm %s), rerender %s (base-rerender/helm %s)\n",
        ratio(n " first", n " base-first"), ratio(n " base-first", n " helm"), ratio(n " rerender", n " base-rerender"), ratio(n " base-rerender", n " helm")
  }
  if (("10000 first") in med && ("1000 first") in med)
    printf "scaling: time(10000)/time(1000) first %s, rerender %s\n", ratio("10000 first", "1000 first"), ratio("10000 rerender", "1000 rerender")
  if (quick != "") {
    n = list[nn]
    printf "servicespec/helm = %s\n", ratio(n " first", n " helm")
    printf "rerender/helm = %s\n", ratio(n " rerender", n " helm")
  }
}

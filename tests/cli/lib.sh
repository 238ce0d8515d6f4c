# Helpers of the end-to-end CLI tests (sourced): a scratch folder, counters,
# and checks of exit statuses and one-line errors.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pass=0

expect_status() {  # expect_status STATUS DESCRIPTION -- COMMAND...
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/err" | head -5
    failures=$((failures + 1))
  else
    pass=$((pass + 1))
  fi
}
expect_one_line_error() {  # the last command's stderr is one line naming the problem
  local what=$1 needle=$2
  if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q -- "$needle" "$tmp/err"; then
    echo "FAIL: $what: stderr is not one line mentioning '$needle':"; sed 's/^/  | /' "$tmp/err" | head -5
    failures=$((failures + 1))
  else
    pass=$((pass + 1))
  fi
}
expect_in() {  # expect_in FILE DESCRIPTION TEXT: FILE (out or err of the last command) has TEXT
  local file=$1 what=$2 needle=$3
  if ! grep -qF -- "$needle" "$tmp/$file"; then
    echo "FAIL: $what: $file lacks '$needle':"; sed 's/^/  | /' "$tmp/$file" | head -8
    failures=$((failures + 1))
  else
    pass=$((pass + 1))
  fi
}
finish() {
  echo "$pass passed, $failures failed"
  [ "$failures" -eq 0 ]
}

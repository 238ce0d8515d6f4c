// exec_program.hpp — what `weft exec` learns about PROGRAM before it checks
// it: whether the file holds a string (the instrumentation runtime's marker,
// GoogleTest's and Catch2's flag names), and for a GoogleTest program its
// tests, for a Catch2 program its test cases, listed by running it natively
// (`PROGRAM ARGS --gtest_list_tests`, `PROGRAM --list-test-names-only`,
// never under weft), so that each can be checked as a scenario of its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "weft/result.hpp"

namespace weft::cli {

/// The test framework whose program weft exec runs test by test.
enum class test_framework : unsigned char { none, gtest, catch2, doctest };

/// Whether the file at `path` holds `needle`; an input_error when it cannot be read.
bool file_holds(const std::string& path, std::string_view needle);

/// Whether the program at `path` is a GoogleTest binary: it holds GoogleTest's
/// flag "gtest_list_tests" (gtest linked statically) or names libgtest.so.
bool is_gtest_program(const std::string& path);

/// The flag `weft exec` gives each test: "--gtest_filter=" + the test's name.
inline constexpr std::string_view gtest_filter_flag = "--gtest_filter=";

/// `args` without any --gtest_filter=... (the user's filter, which the
/// per-test filter replaces).
std::vector<std::string> without_gtest_filter(const std::vector<std::string>& args);

/// The tests ("Suite.Name", "Prefix/Suite.Name/0", ...) of a
/// --gtest_list_tests listing, in its order; lines that are not part of the
/// listing (what the program prints itself) and the "# GetParam() = ..."
/// comments are skipped, and so are disabled tests unless `with_disabled`.
std::vector<std::string> parse_gtest_listing(std::string_view listing, bool with_disabled);

/// Whether the program at `path` is a Catch2 (v2) test program: it holds
/// Catch2's flag "--list-test-names-only".
bool is_catch2_program(const std::string& path);

/// The names of a --list-test-names-only listing, in its order (Catch2
/// quotes a name that begins with '#': unquoted here).
std::vector<std::string> parse_catch2_listing(std::string_view listing);

/// A test case's name as a Catch2 test spec that selects it alone: the
/// characters the spec gives a meaning (',' '[' '"' '*' '~' '\\') escaped.
std::string catch2_test_spec(std::string_view name);

/// The test cases the Catch2 program `path` runs with no arguments
/// (`argv`: the program as given), listed as list_gtest_tests lists a
/// GoogleTest program's (its exit status is its count: any is taken).
std::vector<std::string> list_catch2_tests(const std::string& path, const std::vector<std::string>& argv,
                                           double timeout_seconds);

/// Whether the program at `path` is a doctest test program: it holds
/// doctest's flag "dt-list-test-cases".
bool is_doctest_program(const std::string& path);

/// The names of a --list-test-cases listing (between the two rules after
/// "[doctest] listing all test case names"), in its order.
std::vector<std::string> parse_doctest_listing(std::string_view listing);

/// A test case's name as a doctest --test-case filter that selects it: ','
/// escaped, '\\' as the wildcard '?' (doctest's '*' and '?' are wildcards
/// that match themselves too, so a name holding them may also select a test
/// case whose name its pattern matches).
std::string doctest_test_filter(std::string_view name);

/// The test cases the doctest program `path` runs with no arguments, listed
/// natively with --list-test-cases as list_catch2_tests lists Catch2's.
std::vector<std::string> list_doctest_tests(const std::string& path, const std::vector<std::string>& argv,
                                            double timeout_seconds);

/// One `weft exec` check of `program_and_args` (PROGRAM ARGS..., not a GoogleTest
/// program) under `flags` (scheduler flags as command-line words:
/// "--strategy=random", "--iterations=1000"...), without reports: the
/// result the program answers. An input_error when PROGRAM is missing or not
/// instrumented; a std::runtime_error (cmd_exec.cpp's program_failed) when it
/// answers none within `wait_seconds` or answers an error.
result exec_once(const std::vector<std::string>& program_and_args, const std::vector<std::string>& flags,
                 double wait_seconds);

/// Runs the program at `path` natively (`argv`: argv[0] the program as
/// given, then its arguments; not under weft: weft's request is left out of
/// its environment), stdin /dev/null, stderr discarded, and returns its
/// stdout. An input_error starting with `failure` when it cannot start,
/// exits other than with 0 (with any status when `any_exit`), is killed by a
/// signal, or has not ended after `timeout_seconds` (it is killed); throws
/// weft::interrupted on SIGINT/SIGTERM.
std::string native_output(const std::string& path, const std::vector<std::string>& argv, double timeout_seconds,
                          const std::string& failure, bool any_exit = false);

/// The tests the GoogleTest program `path` runs with `argv` (argv[0] the
/// program as given, then its arguments, the user's --gtest_filter
/// included): runs it natively with --gtest_list_tests added, its stdout
/// read, its stderr discarded, killed after `timeout_seconds`. An
/// input_error (one line) when it fails or lists no test; throws
/// weft::interrupted on SIGINT/SIGTERM.
std::vector<std::string> list_gtest_tests(const std::string& path, const std::vector<std::string>& argv,
                                          double timeout_seconds);

}  // namespace weft::cli

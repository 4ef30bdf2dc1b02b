#!/usr/bin/env bash
# Fails when code that goes into the mock-cognito binary imports full Foundation (or one of its ICU,
# networking or XML parts). The server links FoundationEssentials only: full Foundation brings ICU's
# data (a static binary of about 70 MB instead of about 10 MB, and twice the idle memory).
#
#   tools/check-foundation-imports.sh        # from anywhere; exit 0 when clean, 1 with the offending lines
#
# What to use instead (each has been done in this tree; grep for an example):
#   import Foundation                      -> import FoundationEssentials (Data, Date, UUID, FileManager,
#                                             ProcessInfo, JSONEncoder/Decoder, base64) and/or import Glibc
#   NSLock                                 -> HTTPCore.PThreadMutex / LockedValue (SQLiteStore: DatabaseLock)
#   NSCondition                            -> CognitoIdentityProvider's ConditionLock (pthread mutex + cond)
#   Thread { }                             -> HTTPCore.POSIXThread.start(stackSize:) (SQLiteStore: BackgroundThread)
#   trimmingCharacters(in: .whitespaces)   -> AWSJSONProtocol's trimmingWhitespaces()
#   NSRegularExpression, range(of:options: .regularExpression)
#                                          -> the standard library's Regex, .matchingSemantics(.unicodeScalar)
#   s.replacingOccurrences(of: a, with: b) -> s.replacing(a, with: b)
#   s.range(of: "x")                       -> s.firstRange(of: "x")
#   FileHandle.standardError.write(Data(…))-> write(2, …) (see MockCognito/Subcommands.swift writeAll)
#   DateFormatter, NSString paths, padding(toLength:), removingPercentEncoding -> small local code
#                                             (AWSJSONProtocol.percentDecoded for the last)
# Test targets and the fuzz tooling (Sources/Fuzz*, never linked into the server) may use Foundation.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
found="$(grep -rnE '^[[:space:]]*(@_exported[[:space:]]+)?import[[:space:]]+(Foundation|FoundationInternationalization|FoundationNetworking|FoundationXML)([[:space:]]|$)' \
    Sources --include='*.swift' | grep -v '^Sources/Fuzz' || true)"
if [[ -n "$found" ]]; then
    echo "error: full Foundation imported by server code (use FoundationEssentials; see $0):" >&2
    echo "$found" >&2
    exit 1
fi
echo "ok: server code imports FoundationEssentials only"

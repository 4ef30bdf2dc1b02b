import FoundationEssentials
import Synchronization

/// The one source of time for the service. Tests move it forward (POST /_mock/clock) to drive
/// expiry without sleeping; it never moves backwards, and never past `latest`.
public final class ServiceClock: Sendable {
    /// 9999-12-31T23:59:59Z, the last instant a four-digit-year timestamp (ISO 8601, AWS's
    /// `yyyy-MM-dd'T'HH:mm:ss'Z'`, JWT dates read by common libraries) can show. Every time the
    /// service derives (token `exp`, code expiry, TOTP steps) stays far inside Int64 from here.
    public static let latest: Double = 253_402_300_799
    public static let latestText = "9999-12-31T23:59:59Z"

    /// Why a move of the clock was refused; `description` is the message the control API answers.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case notFinite
        case negative
        case pastLatest(remaining: Double)

        public var description: String {
            switch self {
            case .notFinite: "advanceSeconds must be a finite number"
            case .negative: "advanceSeconds must be 0 or more: the service clock never moves backwards"
            case .pastLatest(let remaining):
                "advanceSeconds would move the service clock past \(ServiceClock.latestText), the latest time it can show;"
                    + " it can move at most \(Int64(remaining.rounded(.down))) more seconds"
            }
        }
    }

    private let offsetSeconds = Mutex<Double>(0)

    public init() {}

    /// Seconds since the epoch, rounded to milliseconds as AWS reports timestamps (spec 5.2).
    public func now() -> Double {
        let seconds = min(Date().timeIntervalSince1970 + offset, Self.latest)
        return (seconds * 1000).rounded() / 1000
    }

    /// How far the clock has been moved ahead of real time, in seconds.
    public var offset: Double { offsetSeconds.withLock { $0 } }

    /// Moves the clock forward by `seconds`, or leaves it unchanged and says why not: the value is
    /// not finite, is negative, or would take the clock past `latest`.
    @discardableResult
    public func advance(by seconds: Double) -> Refusal? {
        guard seconds.isFinite else { return .notFinite }
        guard seconds >= 0 else { return .negative }
        return offsetSeconds.withLock { offset -> Refusal? in
            let remaining = max(0, Self.latest - (Date().timeIntervalSince1970 + offset))
            guard seconds <= remaining else { return .pastLatest(remaining: remaining) }
            offset += seconds
            return nil
        }
    }

    /// Back to real time (`POST /_mock/reset` of everything).
    public func reset() {
        offsetSeconds.withLock { $0 = 0 }
    }
}

import FoundationEssentials
import Synchronization

/// The one source of time for the service. Tests move it forward (POST /_mock/clock) to drive
/// expiry without sleeping; it never moves backwards.
public final class ServiceClock: Sendable {
    private let offsetSeconds = Mutex<Double>(0)

    public init() {}

    /// Seconds since the epoch, rounded to milliseconds as AWS reports timestamps (spec 5.2).
    public func now() -> Double {
        let seconds = Date().timeIntervalSince1970 + offset
        return (seconds * 1000).rounded() / 1000
    }

    /// How far the clock has been moved ahead of real time, in seconds.
    public var offset: Double { offsetSeconds.withLock { $0 } }

    /// Moves the clock forward by `seconds` (negative values are ignored).
    public func advance(by seconds: Double) {
        guard seconds > 0 else { return }
        offsetSeconds.withLock { $0 += seconds }
    }
}

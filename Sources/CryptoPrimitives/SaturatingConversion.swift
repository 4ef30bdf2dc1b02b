/// Conversions from floating point that cannot trap. `Int64(someDouble)` stops the whole process
/// when the value is NaN, infinite or beyond ±2^63 ("Double value cannot be converted to Int64");
/// times and counts derived from user input (the service clock, JSON numbers) use these instead.
/// (Lives here, the lowest module, so that TOTP and every module above share one definition.)
extension Int64 {
    /// `value` rounded toward negative infinity, clamped to Int64's range; NaN becomes 0.
    public init(saturatingFloor value: Double) {
        // 2^63 is exactly representable; every Double below it floors to a representable Int64.
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_808.0 {
            self = .max
        } else if value < -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self = Int64(value.rounded(.down))
        }
    }
}

extension Int64 {
    /// `self + other`, clamped to Int64's range instead of trapping on overflow.
    public func addingSaturating(_ other: Int) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(Int64(other))
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}

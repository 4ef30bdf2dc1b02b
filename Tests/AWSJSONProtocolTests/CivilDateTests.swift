import Testing
@testable import AWSJSONProtocol

@Suite struct CivilDateTests {
    /// Reference values from Python's `datetime.date` arithmetic.
    @Test(arguments: [
        (1970, 1, 1, 0), (2026, 11, 29, 20_786), (2000, 2, 29, 11_016), (1900, 3, 1, -25_508),
    ])
    func daysSinceEpochAgreeWithReferenceValues(year: Int, month: Int, day: Int, days: Int) {
        #expect(CivilDate.daysSinceEpoch(year: year, month: month, day: day) == days)
        #expect(CivilDate.civil(fromDays: days) == (year, month, day))
    }

    @Test func everyDayOfFourCenturiesRoundTrips() {
        for days in -73_000...73_000 {
            let date = CivilDate.civil(fromDays: days)
            #expect(CivilDate.daysSinceEpoch(year: date.year, month: date.month, day: date.day) == days)
        }
    }
}

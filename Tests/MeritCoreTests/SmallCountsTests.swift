import Testing

@testable import MeritCore

struct SmallCountsTests {
    @Test func countsUnderTheMinimumAreWithheldAndZerosShown() {
        #expect(SmallCounts.suppress([0, 7, 2, 4, 9], minimum: 5) == [0, 7, nil, nil, 9])
    }

    /// One withheld count could be worked out from the total: the smallest shown count goes with it.
    @Test func aSingleWithheldCountTakesTheSmallestShownOneWithIt() {
        #expect(SmallCounts.suppress([12, 3, 6, 0, 8], minimum: 5) == [12, nil, nil, 0, 8])
        // Ties: the first of the smallest.
        #expect(SmallCounts.suppress([6, 1, 6], minimum: 5) == [nil, nil, 6])
    }

    @Test func nothingSmallNothingWithheld() {
        #expect(SmallCounts.suppress([5, 0, 11], minimum: 5) == [5, 0, 11])
        #expect(SmallCounts.suppress([], minimum: 5) == [])
    }

    /// A lone small count with nothing else above zero stays withheld alone: there is nothing to pair.
    @Test func aLoneSmallCount() {
        #expect(SmallCounts.suppress([0, 2, 0], minimum: 5) == [0, nil, 0])
    }
}

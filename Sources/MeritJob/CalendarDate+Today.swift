import Foundation
import MeritCore

extension CalendarDate {
    /// Today, by the machine's calendar (MeritCore itself never reads the clock).
    public static var today: CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

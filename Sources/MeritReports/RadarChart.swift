import MeritCore
import Foundation

/// A radar (spider) chart of levels against the standard, as inline SVG: one axis per competency, the
/// standard as a dashed polygon, the person's levels filled. Every text is escaped.
public enum RadarChart {
    public struct Axis: Sendable, Codable, Hashable {
        public var label: String
        public var level: Double?
        public var required: Double

        public init(label: String, level: Double?, required: Double) {
            self.label = label
            self.level = level
            self.required = required
        }
    }

    public static func svg(_ axes: [Axis], maximum: Double = 5, caption: String, levelLabel: String, requiredLabel: String) -> String {
        let size = 420.0
        let center = size / 2
        let radius = 140.0
        guard axes.count >= 3 else { return "" }
        func point(_ index: Int, _ value: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(axes.count)
            let r = radius * max(0, min(value, maximum)) / maximum
            return (center + r * cos(angle), center + r * sin(angle))
        }
        func polygon(_ values: [Double]) -> String {
            values.enumerated().map { index, value in
                let (x, y) = point(index, value)
                return number(x) + "," + number(y)
            }.joined(separator: " ")
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" role=\"img\" aria-label=\"\(escape(caption))\" class=\"radar\">"
        svg += "<title>\(escape(caption))</title>"
        for ring in 1...Int(maximum) {
            svg += "<polygon points=\"\(polygon(Array(repeating: Double(ring), count: axes.count)))\" fill=\"none\" stroke=\"#d0d5dd\" stroke-width=\"0.8\"/>"
            let (x, y) = point(0, Double(ring))
            svg += "<text x=\"\(number(x + 3))\" y=\"\(number(y + 3))\" font-size=\"9\" fill=\"#667085\">\(ring)</text>"
        }
        for (index, axis) in axes.enumerated() {
            let (x, y) = point(index, maximum)
            svg += "<line x1=\"\(number(center))\" y1=\"\(number(center))\" x2=\"\(number(x))\" y2=\"\(number(y))\" stroke=\"#d0d5dd\" stroke-width=\"0.8\"/>"
            let (lx, ly) = point(index, maximum + 0.55)
            let anchor = abs(lx - center) < 8 ? "middle" : (lx > center ? "start" : "end")
            svg += "<text x=\"\(number(lx))\" y=\"\(number(ly + 3))\" font-size=\"10\" text-anchor=\"\(anchor)\" fill=\"#344054\">" + escape(axis.label) + "</text>"
        }
        svg += "<polygon points=\"\(polygon(axes.map(\.required)))\" fill=\"none\" stroke=\"#b42318\" stroke-width=\"1.6\" stroke-dasharray=\"5 3\"/>"
        svg += "<polygon points=\"\(polygon(axes.map { $0.level ?? 0 }))\" fill=\"#2e90fa\" fill-opacity=\"0.28\" stroke=\"#1570ef\" stroke-width=\"1.8\"/>"
        svg += "<g font-size=\"10\" fill=\"#344054\"><rect x=\"12\" y=\"\(Int(size) - 34)\" width=\"14\" height=\"4\" fill=\"#1570ef\"/><text x=\"32\" y=\"\(Int(size) - 29)\">\(escape(levelLabel))</text>"
        svg += "<rect x=\"12\" y=\"\(Int(size) - 18)\" width=\"14\" height=\"2\" fill=\"#b42318\"/><text x=\"32\" y=\"\(Int(size) - 13)\">\(escape(requiredLabel))</text></g>"
        return svg + "</svg>"
    }

    /// A coordinate to one decimal (`123.4`), without `String(format:)` (slow, and locale-bound).
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return sign + String(abs(tenths) / 10) + "." + String(abs(tenths) % 10)
    }

    static func escape(_ text: String) -> String {
        HTML.escape(text)
    }
}

/// HTML escaping of `< > & " '` (the characters Mustache's own HTML escaping replaces), for text built
/// outside templates (SVG labels) and for `{{value}}` in the HTML templates.
public enum HTML {
    public static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text)
    }
}

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

    /// `names` (one per axis, optional) are written under each code, wrapped to short lines. Drawn at a
    /// size that prints legibly at 150 mm: labels 11 px, ticks between the first and last axes (clear of
    /// the labels), the standard dashed over the levels (visible where they are equal), the legend at
    /// the top right.
    public static func svg(
        _ axes: [Axis], names: [String] = [], maximum: Double = 5, caption: String, levelLabel: String, requiredLabel: String
    ) -> String {
        let width = 640.0
        let height = 520.0
        let center = (x: width / 2, y: height / 2 + 10)
        let radius = 165.0
        guard axes.count >= 3 else { return "" }
        func point(_ index: Double, _ value: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * index / Double(axes.count)
            let r = radius * max(0, min(value, maximum + 1)) / maximum
            return (center.x + r * cos(angle), center.y + r * sin(angle))
        }
        func polygon(_ values: [Double]) -> String {
            values.enumerated().map { index, value in
                let (x, y) = point(Double(index), min(value, maximum))
                return number(x) + "," + number(y)
            }.joined(separator: " ")
        }
        var svg = ""
        // One buffer for the whole chart (about 6 KB for 13 axes): it is drawn once per plan.
        svg.reserveCapacity(8_192)
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(caption))\" class=\"radar\">"
        svg += "<title>\(escape(caption))</title>"
        for ring in 1...Int(maximum) {
            svg += "<polygon points=\"\(polygon(Array(repeating: Double(ring), count: axes.count)))\" fill=\"none\" stroke=\"#d0d5dd\" stroke-width=\"0.8\"/>"
            // Ticks halfway between the last axis and the first: no label is there.
            let (x, y) = point(-0.5, Double(ring))
            svg += "<text x=\"\(number(x))\" y=\"\(number(y + 4))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#667085\">\(ring)</text>"
        }
        for (index, axis) in axes.enumerated() {
            let (x, y) = point(Double(index), maximum)
            svg += "<line x1=\"\(number(center.x))\" y1=\"\(number(center.y))\" x2=\"\(number(x))\" y2=\"\(number(y))\" stroke=\"#d0d5dd\" stroke-width=\"0.8\"/>"
            let (lx, ly) = point(Double(index), maximum + 0.32)
            let anchor = abs(lx - center.x) < 12 ? "middle" : (lx > center.x ? "start" : "end")
            let lines = [axis.label] + wrap(index < names.count ? names[index] : "", width: 18)
            // Above the centre the label grows upward; below it, downward.
            let top = ly < center.y - 12 ? ly - Double(lines.count - 1) * 12 : (abs(ly - center.y) <= 12 ? ly - Double(lines.count - 1) * 6 : ly + 4)
            svg += "<text x=\"\(number(lx))\" y=\"\(number(top))\" font-size=\"11\" text-anchor=\"\(anchor)\" fill=\"#344054\">"
            for (line, text) in lines.enumerated() {
                let weight = line == 0 ? " font-weight=\"700\"" : ""
                svg += "<tspan x=\"\(number(lx))\" dy=\"\(line == 0 ? 0 : 12)\"\(weight)>\(escape(text))</tspan>"
            }
            svg += "</text>"
        }
        svg += "<polygon points=\"\(polygon(axes.map { $0.level ?? 0 }))\" fill=\"#2e90fa\" fill-opacity=\"0.25\" stroke=\"#1570ef\" stroke-width=\"2\"/>"
        svg += "<polygon points=\"\(polygon(axes.map(\.required)))\" fill=\"none\" stroke=\"#b42318\" stroke-width=\"2\" stroke-dasharray=\"7 4\"/>"
        let legend = Int(width) - 190
        svg += "<g font-size=\"12\" fill=\"#344054\"><line x1=\"\(legend)\" y1=\"16\" x2=\"\(legend + 26)\" y2=\"16\" stroke=\"#1570ef\" stroke-width=\"3\"/><text x=\"\(legend + 32)\" y=\"20\">\(escape(levelLabel))</text>"
        svg += "<line x1=\"\(legend)\" y1=\"36\" x2=\"\(legend + 26)\" y2=\"36\" stroke=\"#b42318\" stroke-width=\"2\" stroke-dasharray=\"7 4\"/><text x=\"\(legend + 32)\" y=\"40\">\(escape(requiredLabel))</text></g>"
        return svg + "</svg>"
    }

    /// Words into lines of at most `width` characters (a longer word keeps its own line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
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

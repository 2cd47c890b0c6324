import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The smallest HTTP/1.1 client, for chromedriver on 127.0.0.1 only: one request per connection
/// (`Connection: close`). Foundation's URLSession on Linux fails on chromedriver's answers ("Failed writing
/// header": its header lines have no space after the colon), hence this.
enum LoopbackHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The answer's body; a status other than 2xx still returns the body (WebDriver puts its error there).
    static func request(port: Int, method: String, path: String, body: Data) throws -> Data {
        let (socketFD, loopback) = try socket(port: port)
        var address = loopback
        defer { Glibc.close(socketFD) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw Failure(description: "cannot connect to 127.0.0.1:\(port)") }
        var request = Data(
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8)
        request.append(body)
        try request.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(socketFD, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    throw Failure(description: "cannot send to 127.0.0.1:\(port)")
                }
                offset += sent
            }
        }
        // chromedriver says "Connection:close" and keeps the connection open: the body ends at its length.
        var answer = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !complete(answer) {
            let count = recv(socketFD, &chunk, chunk.count, 0)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read from 127.0.0.1:\(port)")
            }
            if count == 0 { break }
            answer.append(contentsOf: chunk[0..<count])
        }
        guard let (head, payload) = split(answer) else { throw Failure(description: "no HTTP answer from 127.0.0.1:\(port)") }
        if head.contains("transfer-encoding:chunked") { return try dechunk(payload) }
        return payload
    }

    /// The header (lowercased, spaces removed) and the body, once the header has ended.
    private static func split(_ answer: Data) -> (String, Data)? {
        guard let end = answer.firstRange(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: answer[..<end.lowerBound], as: UTF8.self).lowercased().replacingOccurrences(of: " ", with: "")
        return (head, Data(answer[end.upperBound...]))
    }

    /// Whether the answer holds its whole body (by Content-Length, or the last chunk).
    private static func complete(_ answer: Data) -> Bool {
        guard let (head, payload) = split(answer) else { return false }
        if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count))
        {
            return payload.count >= length
        }
        if head.contains("transfer-encoding:chunked") { return payload.suffix(5) == Data("0\r\n\r\n".utf8) }
        return false
    }

    /// A TCP socket and the address 127.0.0.1:`port` (0: the kernel picks a port at `bind`).
    static func socket(port: Int) throws -> (Int32, sockaddr_in) {
        let socketFD = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw Failure(description: "cannot open a socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return (socketFD, address)
    }

    /// A chunked body (RFC 9112 §7.1) joined.
    static func dechunk(_ data: Data) throws -> Data {
        var out = Data()
        var rest = data[...]
        while let line = rest.firstRange(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[..<line.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw Failure(description: "a malformed chunk") }
            if size == 0 { break }
            let start = line.upperBound
            guard rest.distance(from: start, to: rest.endIndex) >= size + 2 else { throw Failure(description: "a truncated chunk") }
            let stop = rest.index(start, offsetBy: size)
            out.append(rest[start..<stop])
            rest = rest[rest.index(stop, offsetBy: 2)...]
        }
        return out
    }
}

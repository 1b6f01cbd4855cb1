import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe file writing.
///
/// - `write` puts the data in a temporary file in the target's folder, fsyncs it and renames
///   it over the target, so a reader sees either the old file or the complete new one, never
///   a half-written file; on failure the temporary file is removed.
/// - `append(line:to:)` adds one line to a JSON Lines file with a single append and fsync.
///   A crash can leave at most the last line torn (no trailing newline); readers must ignore
///   such a line, which `readCompleteLines` does, and the next `append` cuts it off before
///   writing. Use one writing process per file.
public enum AtomicFile {
    /// Replaces (or creates) `url` with `data` atomically.
    public static func write(_ data: Data, to url: URL) throws {
        let target = url.path
        let folder = url.deletingLastPathComponent().path
        let (fd, tempPath) = try createTemporaryFile(for: url)
        var committed = false
        defer {
            if !committed { unlink(tempPath) }
        }
        do {
            var status = stat()
            if stat(target, &status) == 0 { _ = fchmod(fd, status.st_mode & 0o7777) }
            try data.withUnsafeBytes { try writeAll(fd, $0, file: target, step: "writing \(tempPath)") }
            guard fsync(fd) == 0 else { throw posixError(target, "flushing \(tempPath) to disk", fix: "check the disk is healthy and not full") }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw posixError(target, "closing \(tempPath)", fix: "check the disk is healthy and not full") }
        guard rename(tempPath, target) == 0 else {
            throw posixError(target, "renaming \(tempPath) over the target", fix: "check that the target is not a folder and the folder is writable")
        }
        committed = true
        syncFolder(folder)
    }

    /// Appends `line` plus a newline to `url` (created if missing) and fsyncs.
    /// `line` must not contain a newline. A torn last line left by an earlier crash is removed first.
    public static func append(line: String, to url: URL) throws {
        let target = url.path
        guard !line.contains("\n") && !line.contains("\r\n") else {
            throw FileError(
                .writeFailed, file: target, at: .described("appending a line"), problem: "the line contains a newline, which would split one record into two",
                fix: "encode the record on a single line (JSON.encode does in its .line layout)")
        }
        let existed = access(target, F_OK) == 0
        let fd = open(target, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw posixError(target, "opening for append", fix: "check that the folder exists and is writable") }
        do {
            try cutTornLastLine(fd, file: target)
            var bytes = Array(line.utf8)
            bytes.append(0x0A)
            try bytes.withUnsafeBytes { try writeAll(fd, $0, file: target, step: "appending a line") }
            guard fsync(fd) == 0 else { throw posixError(target, "flushing to disk", fix: "check the disk is healthy and not full") }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw posixError(target, "closing after append", fix: "check the disk is healthy and not full") }
        if !existed { syncFolder(url.deletingLastPathComponent().path) }
    }

    /// The newline-terminated lines of `url` (without "\n" or "\r\n"); a torn last line is dropped.
    public static func readCompleteLines(from url: URL) throws -> [String] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw FileError(
                .fileAccess, file: url.path, at: .described("reading lines"), problem: "cannot read it (\(error.localizedDescription))",
                fix: "check that the path exists and is readable")
        }
        var lines: [String] = []
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x0A {
                var end = i
                if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                lines.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = i + 1
            }
        }
        return lines
    }

    /// Removes the temporary files that `write`s to `url` killed before their rename left in its folder
    /// (a failed write removes its own). Call it only when no other process writes `url`.
    public static func removeLeftovers(of url: URL) {
        let folder = url.deletingLastPathComponent(), prefix = temporaryPrefix(url)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    // MARK: - Helpers

    /// The name every temporary file of a write to `url` starts with.
    private static func temporaryPrefix(_ url: URL) -> String { "." + url.lastPathComponent + ".tmp-" }

    private static func createTemporaryFile(for url: URL) throws -> (Int32, String) {
        let folder = url.deletingLastPathComponent().path
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<16 {
            let suffix = String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 16)
            let path = folder + "/" + temporaryPrefix(url) + suffix
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return (fd, path) }
            if errno != EEXIST {
                throw posixError(
                    url.path, "creating a temporary file in \(folder)",
                    fix: "check that the folder \(folder) exists and is writable")
            }
        }
        throw FileError(
            .writeFailed, file: url.path, at: .described("creating a temporary file in \(folder)"),
            problem: "16 random temporary names were all taken", fix: "remove stale .\(url.lastPathComponent).tmp-* files")
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, file: String, step: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = posixWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw posixError(file, step, fix: "check the disk is not full and the file is writable")
            }
            offset += written
        }
    }

    /// If the file does not end with a newline, truncates it just after its last newline.
    private static func cutTornLastLine(_ fd: Int32, file: String) throws {
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return }
        var byte: UInt8 = 0
        guard pread(fd, &byte, 1, size - 1) == 1 else { throw posixError(file, "reading the last byte", fix: "check the file is readable") }
        if byte == 0x0A { return }
        var keep: off_t = 0
        var end = size
        var chunk = [UInt8](repeating: 0, count: 4096)
        search: while end > 0 {
            let start = max(0, end - off_t(chunk.count))
            let length = Int(end - start)
            guard pread(fd, &chunk, length, start) == length else { throw posixError(file, "reading the torn last line", fix: "check the file is readable") }
            for i in stride(from: length - 1, through: 0, by: -1) where chunk[i] == 0x0A {
                keep = start + off_t(i) + 1
                break search
            }
            end = start
        }
        guard ftruncate(fd, keep) == 0 else { throw posixError(file, "removing a torn last line", fix: "check the file is writable") }
    }

    private static func syncFolder(_ folder: String) {
        // Makes the rename/creation durable; failure here does not undo the already-visible file.
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    private static func posixError(_ file: String, _ operation: String, fix: String) -> FileError {
        let code = errno
        return FileError(.writeFailed, file: file, at: .described(operation), problem: String(cString: strerror(code)) + " (errno \(code))", fix: fix)
    }
}

/// `write(2)`, reachable from inside `AtomicFile` whose own `write` would shadow it.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

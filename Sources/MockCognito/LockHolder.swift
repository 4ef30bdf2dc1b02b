import FoundationEssentials
import Glibc

/// Finds the TCP port of the server that holds a database file, for the export subcommand's
/// advice. Linux only, through /proc: the `flock` holder of the file's inode (/proc/locks), then
/// that process's listening sockets (its /proc/<pid>/fd links matched against /proc/net/tcp and
/// tcp6). Anything unreadable (another user's process, another PID namespace) gives nil.
enum LockHolder {
    static func listeningPort(databasePath: String) -> UInt16? {
        var status = stat()
        guard stat(databasePath, &status) == 0, let pid = flockHolder(inode: UInt64(status.st_ino)) else { return nil }
        let sockets = socketInodes(pid: pid)
        guard !sockets.isEmpty else { return nil }
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            // Columns: sl local_address rem_address st ... inode (10th); st 0A = LISTEN.
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ")
                guard columns.count > 9, columns[3] == "0A", sockets.contains(String(columns[9])),
                      let portHex = columns[1].split(separator: ":").last, let port = UInt16(portHex, radix: 16)
                else { continue }
                return port
            }
        }
        return nil
    }

    /// /proc/locks lines: `1: FLOCK  ADVISORY  WRITE 1234 08:01:567 0 EOF` (pid, then major:minor:inode).
    private static func flockHolder(inode: UInt64) -> Int32? {
        guard let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let columns = line.split(separator: " ")
            guard columns.count > 5, columns[1] == "FLOCK", let pid = Int32(columns[4]),
                  let inodeText = columns[5].split(separator: ":").last, UInt64(inodeText) == inode
            else { continue }
            return pid
        }
        return nil
    }

    /// The inodes of the process's sockets: its fd links read `socket:[12345]`.
    private static func socketInodes(pid: Int32) -> Set<String> {
        let directory = "/proc/\(pid)/fd"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var inodes: Set<String> = []
        for entry in entries {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\(entry)"),
                  target.hasPrefix("socket:[") else { continue }
            inodes.insert(String(target.dropFirst(8).dropLast()))
        }
        return inodes
    }
}

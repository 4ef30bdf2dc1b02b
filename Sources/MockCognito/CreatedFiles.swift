import FoundationEssentials
import Glibc
import SQLiteStore

/// The files a start creates for its database: the directory (when it was missing), the database
/// file and SQLite's `-wal` and `-shm` companions. Made before the database is opened, so that a
/// start that then fails (a bad seed file, a port in use, an unopenable file) can remove exactly
/// what it created and nothing that was there before.
struct CreatedFiles {
    private let databasePath: String
    private let databaseExisted: Bool
    /// Directories made for the database, deepest first.
    private let createdDirectories: [String]

    init(databasePath: String) {
        self.databasePath = databasePath
        guard databasePath != ":memory:" else {
            (databaseExisted, createdDirectories) = (true, [])
            return
        }
        var missing: [String] = []
        var directory = Self.parent(of: databasePath)
        while !directory.isEmpty, directory != "/", !FileManager.default.fileExists(atPath: directory) {
            missing.append(directory)
            directory = Self.parent(of: directory)
        }
        // Folders the server makes are owner-only (0700), whatever the umask: the database holds secrets.
        if !missing.isEmpty { try? Database.makeParentDirectories(of: databasePath) }
        createdDirectories = missing
        databaseExisted = FileManager.default.fileExists(atPath: databasePath)
    }

    /// The path's directory part, as NSString's deletingLastPathComponent gave it: "" for a bare
    /// name, "/" for a name in the root; trailing slashes are ignored.
    static func parent(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        return path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? ""
    }

    /// Removes what this start created. A database that existed before keeps its files: its
    /// `-wal`/`-shm` belong to it (SQLite removes them itself on a clean close).
    func remove() {
        guard !databaseExisted else { return }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: databasePath + suffix)
        }
        for directory in createdDirectories {
            // rmdir, not removeItem: only while still empty.
            _ = rmdir(directory)
        }
    }
}

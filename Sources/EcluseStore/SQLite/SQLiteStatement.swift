import CSQLite

/// A prepared statement; finalised in `deinit`.
final class SQLiteStatement {
    private let database: OpaquePointer
    let handle: OpaquePointer

    init(database: OpaquePointer, text: String) throws(StoreError) {
        self.database = database
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(database, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw StoreError(
                .statement, "SQLite cannot prepare a statement: \(String(cString: sqlite3_errmsg(database)))")
        }
        handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ values: [SQLValue]) throws(StoreError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                // Bound by its byte length, not up to a NUL: a value with a NUL inside must stay
                // whole, or two different UIDs could become one.
                var text = text
                code = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        guard let start = chars.baseAddress else {
                            return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                        }
                        return sqlite3_bind_text(handle, index, start, Int32(chars.count), csqlite_transient())
                    }
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { raw in
                    sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), csqlite_transient())
                }
            }
            guard code == SQLITE_OK else { throw failure("bind a value") }
        }
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws(StoreError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case SQLITE_BUSY:
            throw StoreError(
                .busy, "the database is locked by another Ecluse process",
                fix: "wait for the other run to finish, then try again")
        case SQLITE_CONSTRAINT: throw failure("write a row", code: .constraint)
        default: throw failure("run a statement")
        }
    }

    func reset() {
        // Every run binds every parameter again, so the old bindings need no clearing.
        sqlite3_reset(handle)
    }

    private func failure(_ action: String, code: StoreError.Code = .statement) -> StoreError {
        StoreError(code, "SQLite could not \(action): \(String(cString: sqlite3_errmsg(database)))")
    }
}

/// A row of a query result, read by column index.
public struct SQLiteRow {
    let statement: SQLiteStatement

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement.handle, column) == SQLITE_NULL }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement.handle, column) }

    public func int(_ column: Int32) -> Int { Int(int64(column)) }

    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement.handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement.handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

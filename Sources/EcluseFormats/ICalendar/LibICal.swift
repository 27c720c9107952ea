import CICal
import Foundation
import Synchronization

/// The one door to libical: every call into the library goes through `LibICal.run`.
///
/// libical keeps process-wide state (the error number, the builtin time zone cache, the
/// "errors are fatal" switch), so calls are serialised by one lock. Errors are made non-fatal
/// once, before the first call: by default libical aborts the process on a parse error.
enum LibICal {
    private static let lock = Mutex(false)

    static func run<T>(_ body: () -> T) -> T {
        lock.withLock { ready in
            if !ready {
                icalerror_set_errors_are_fatal(0)
                ready = true
            }
            icalerror_clear_errno()
            return body()
        }
    }

    /// Runs `body` with standard error sent to /dev/null.
    ///
    /// libical's parser prints some refusals on standard error itself (`Encountered END before
    /// BEGIN`), which would mix with Ecluse's own messages; the reader reports every refusal
    /// with its line anyway. Only the parsing call is wrapped, under the library's lock; no
    /// other thread of the command writes to standard error while a calendar is parsed.
    static func silencingStandardError<T>(_ body: () -> T) -> T {
        fflush(nil)
        let saved = dup(STDERR_FILENO)
        let null = open("/dev/null", O_WRONLY)
        guard saved >= 0, null >= 0 else {
            if saved >= 0 { close(saved) }
            if null >= 0 { close(null) }
            return body()
        }
        dup2(null, STDERR_FILENO)
        close(null)
        defer {
            fflush(nil)
            dup2(saved, STDERR_FILENO)
            close(saved)
        }
        return body()
    }

    /// libical's own text for its current error number; generic, it holds no value from the input.
    static var lastErrorText: String {
        guard let errno = icalerrno_return(), errno.pointee != ICAL_NO_ERROR,
            let text = icalerror_strerror(errno.pointee)
        else { return "unknown libical error" }
        return String(cString: text)
    }
}

/// A component that libical allocated and this object owns: freed in `deinit`.
///
/// Not Sendable: it holds a C pointer that libical may reach only under `LibICal.run`.
final class OwnedComponent {
    let handle: OpaquePointer

    /// Parses one component from text; `nil` when libical could not read it.
    init?(parsing text: String) {
        let parsed = LibICal.silencingStandardError { text.withCString { icalcomponent_new_from_string($0) } }
        guard let handle = parsed else { return nil }
        self.handle = handle
    }

    init?(cloning handle: OpaquePointer?) {
        guard let handle, let clone = icalcomponent_new_clone(handle) else { return nil }
        self.handle = clone
    }

    deinit { icalcomponent_free(handle) }

    var kind: icalcomponent_kind { icalcomponent_isa(handle) }

    /// The properties of `kind`, in order; valid while `self` lives.
    func properties(_ kind: icalproperty_kind) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        var property = icalcomponent_get_first_property(handle, kind)
        while let current = property {
            found.append(current)
            property = icalcomponent_get_next_property(handle, kind)
        }
        return found
    }

    func first(_ kind: icalproperty_kind) -> OpaquePointer? {
        icalcomponent_get_first_property(handle, kind)
    }

    /// The component as iCalendar text, in libical's own folding.
    var text: String? {
        guard let raw = icalcomponent_as_ical_string_r(handle) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }
}

/// Reading values out of a property handle.
enum ICalProperty {
    /// The value as text, unescaped by libical (TEXT values lose their backslashes).
    static func text(_ property: OpaquePointer) -> String? {
        guard let raw = icalproperty_get_value_as_string_r(property) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    static func parameter(_ kind: icalparameter_kind, of property: OpaquePointer) -> OpaquePointer? {
        icalproperty_get_first_parameter(property, kind)
    }

    /// The TZID parameter, if any.
    static func timeZoneID(_ property: OpaquePointer) -> String? {
        guard let parameter = parameter(ICAL_TZID_PARAMETER, of: property),
            let raw = icalparameter_get_tzid(parameter)
        else { return nil }
        return String(cString: raw)
    }
}

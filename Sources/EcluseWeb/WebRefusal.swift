/// A request a handler refuses, with the status and the message the user reads.
///
/// The gate turns it into a page in the user's language; `message` is an English key of
/// `Strings`, and names no record or person.
struct WebRefusal: Error {
    var status: Int
    var message: String

    init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// The words of a command line after the command's name, split into options and operands.
///
/// Options are `--name value`, `--name=value` or bare `--flag`; which options take a value
/// is declared by the command, so an unknown option is refused with the command's name.
struct Arguments {
    private(set) var operands: [String] = []
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// Parses `words` for `command`, which takes `valued` options and `flags`.
    init(_ words: [String], command: String, valued: Set<String>, flags allowedFlags: Set<String>) throws {
        var index = 0
        var onlyOperands = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyOperands || !word.hasPrefix("-") || word == "-" {
                operands.append(word)
                continue
            }
            if word == "--" {
                onlyOperands = true
                continue
            }
            let body = word.hasPrefix("--") ? String(word.dropFirst(2)) : String(word.dropFirst())
            let name = String(body.prefix { $0 != "=" })
            let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            if valued.contains(name) {
                if let inline {
                    values[name] = inline
                } else if index < words.count {
                    values[name] = words[index]
                    index += 1
                } else {
                    throw CLIError.usage("the option --\(name) needs a value", command: command)
                }
            } else if allowedFlags.contains(name), inline == nil {
                flags.insert(name)
            } else {
                throw CLIError.usage("unknown option \(word) for `ecluse \(command)`", command: command)
            }
        }
    }

    func value(_ name: String) -> String? { values[name] }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func integer(_ name: String, default fallback: Int, command: String) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let number = Int(text), number > 0 else {
            throw CLIError.usage("--\(name) takes a positive whole number", command: command)
        }
        return number
    }
}

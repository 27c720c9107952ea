/// The commented policy `ecluse init` writes into a new data folder.
enum SamplePolicy {
    static let text = """
        # Ecluse policy: what may leave the CRM, why, where to, and which fields.
        # A DPO reviews and signs this file; `ecluse policy check` validates it and
        # `ecluse plan --explain` shows, subject by subject, what it lets through.

        # Who is responsible for the processing (GDPR Art. 4(7)) and who to ask.
        controller:
          name: Exemple SARL
          dpo: dpo@example.org

        # Why data leaves. Each purpose names its legal basis from Art. 6(1):
        # consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest.
        purposes:
          account-directory:
            legal-basis: legitimate-interest
            description: The sales team finds the work details of the customers they serve.

        # Where copies go. A vdir is a folder with one .vcf file per contact (khard and
        # vdirsyncer read it); a relative path is taken from the data folder.
        destinations:
          team-folder:
            kind: vdir
            path: out/team-folder
            scope: shared
            residency: eu

        # Rules: a purpose applied to a destination. Only the subjects a rule selects, and only
        # the fields it lists, ever leave. Notes, birthdays and home addresses are not listed,
        # so they never leave.
        rules:
          - purpose: account-directory
            to: team-folder
            subjects: { owner: any, tags-any: [customer], tags-none: [do-not-call] }
            fields: [name, organisation, title, phone.work, email.work]
            keep: while-selected

        """
}

extension Migration {
    /// `keys.trust_chain` from a JSON array of PEM strings to the PEM blocks one after another
    /// (`PEMBundle`): decoding the JSON was a tenth of the cost of serving a key.
    static let trustChainAsPEMBundle = Migration(
        version: 5,
        name: "trust chain as a PEM bundle",
        sqlite: """
            UPDATE keys SET trust_chain = coalesce(
                (SELECT group_concat(value, '') FROM json_each(keys.trust_chain)), '');
            """,
        postgres: """
            UPDATE keys SET trust_chain = coalesce(
                (SELECT string_agg(value, '' ORDER BY position)
                 FROM json_array_elements_text(keys.trust_chain::json) WITH ORDINALITY AS chain (value, position)),
                '');
            """
    )
}

import AWSJSONProtocol

/// AddCustomAttributes: appends `custom:<name>` (`dev:custom:<name>` for developer-only ones)
/// entries to the pool's `SchemaAttributes`, checked by `CustomAttributeRules`; answers `{}`.
/// Custom attributes can never be removed or changed afterwards [D: developer guide].
enum AddCustomAttributes {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let added = input["CustomAttributes"]?.arrayValue ?? []
        try environment.pools.update(input["UserPoolId"]?.stringValue ?? "") { pool in
            let existing = pool.settings["SchemaAttributes"]?.arrayValue ?? []
            try CustomAttributeRules.check(added, existing: existing)
            var updated = pool
            updated.settings["SchemaAttributes"] = .array(existing + added.map(CustomAttributeRules.entry))
            updated.lastModifiedDate = environment.clock.now()
            return updated
        }
        return [:]
    }
}

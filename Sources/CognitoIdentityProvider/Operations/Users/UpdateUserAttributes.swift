import AWSJSONProtocol

/// UpdateUserAttributes: AdminUpdateUserAttributes for the caller, limited to the app client's
/// writable attributes; answers `CodeDeliveryDetailsList` for the verification codes it sent
/// (omitted when none were sent [I]).
enum UpdateUserAttributes {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let attributes = UserOperations.attributes(input["UserAttributes"])
        try UserOperations.checkUpdatedAttributes(attributes, pool: call.pool)
        if let client = call.client {
            try UserClientCall.checkWritable(attributes, client: client)
        }
        var pending: [PendingCustomMessage] = []
        let deliveries = try environment.database.write { connection in
            let user = try call.user(in: connection)
            return try AdminUpdateUserAttributes.update(
                user, with: attributes, pool: call.pool, environment: environment, pending: &pending, in: connection)
        }
        try Triggers(environment: environment, pool: call.pool).deliver(pending)
        return deliveries.isEmpty ? [:] : ["CodeDeliveryDetailsList": .array(deliveries)]
    }
}

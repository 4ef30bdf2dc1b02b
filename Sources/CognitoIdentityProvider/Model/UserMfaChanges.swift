import AWSJSONProtocol

/// How SetUserMFAPreference / AdminSetUserMFAPreference, SetUserSettings / AdminSetUserSettings and
/// the user representations read and change a user's `UserMfa` (spec 4.3–4.5, section 9 row 15).
extension UserMfa {
    /// Whether `user` has what `factor` needs to be enabled (its "delivery config", spec 4.3): a
    /// phone number for SMS, an address for email, a verified authenticator (not just a pending
    /// one) for TOTP. SetUserMFAPreference and seed files both ask this.
    func canEnable(_ factor: MfaFactor, for user: User) -> Bool {
        switch factor {
        case .sms: !(user.attribute("phone_number") ?? "").isEmpty
        case .email: !(user.attribute("email") ?? "").isEmpty
        case .softwareToken: softwareToken != nil
        }
    }
}

extension UserMfa {
    /// One `SMSMfaSettings` / `SoftwareTokenMfaSettings` / `EmailMfaSettings` block as sent:
    /// row 15, a missing `Enabled` or `PreferredMfa` is false.
    struct PreferenceBlock: Equatable, Sendable {
        let enabled: Bool
        let preferred: Bool

        init(_ value: JSONValue?) {
            enabled = value?["Enabled"]?.boolValue ?? false
            preferred = value?["PreferredMfa"]?.boolValue ?? false
        }
    }

    /// The request's blocks, in the order their checks run (SMS, TOTP, email: the order of the
    /// request members in the service model and of `UserMFASettingList`) [I].
    static func preferenceBlocks(_ input: JSONValue) -> [(MfaFactor, PreferenceBlock)] {
        let members: [(MfaFactor, String)] = [
            (.sms, "SMSMfaSettings"), (.softwareToken, "SoftwareTokenMfaSettings"), (.email, "EmailMfaSettings"),
        ]
        return members.compactMap { factor, member in
            guard let block = input[member], block != .null else { return nil }
            return (factor, PreferenceBlock(block))
        }
    }

    /// Applies SetUserMFAPreference's blocks after they were validated (`UserMfaPreferenceRules`).
    ///
    /// - An omitted block leaves its factor alone (row 15).
    /// - `poolRequiresMfa` (pool `ON`): a block with `Enabled: false` does not turn the factor off;
    ///   AWS answers 200 and keeps it (spec 4.3, PANTHER-317); its preference still follows the block.
    /// - At most one factor is preferred: preferring one clears the others (row 15). Two preferred
    ///   blocks in one request: the later one in SMS, TOTP, email order wins [I: no evidence].
    mutating func applyPreferences(_ blocks: [(MfaFactor, PreferenceBlock)], webAuthn: Bool?, poolRequiresMfa: Bool) {
        for (factor, block) in blocks {
            if block.enabled {
                enabled.insert(factor)
            } else if !poolRequiresMfa {
                enabled.remove(factor)
            }
            if block.preferred {
                preferred = factor
            } else if preferred == factor {
                preferred = nil
            }
        }
        if let webAuthn { webAuthnEnabled = webAuthn }
        keepPreferenceEnabled()
    }

    /// Legacy `MFAOptions` (spec 4.5): SMS to `phone_number` turns SMS MFA on, a list without it
    /// turns it off (kept in `ON` pools, as SetUserMFAPreference does [I]).
    mutating func applyLegacyOptions(smsOn: Bool, poolRequiresMfa: Bool) {
        if smsOn {
            enabled.insert(.sms)
        } else if !poolRequiresMfa {
            enabled.remove(.sms)
        }
        keepPreferenceEnabled()
    }

    /// The invariant of `UserMfa`: a preferred factor is an enabled one.
    private mutating func keepPreferenceEnabled() {
        if let preferred, !enabled.contains(preferred) { self.preferred = nil }
    }

    /// The MFA members of AdminGetUser and GetUser (spec 4.4): `UserMFASettingList` (enabled
    /// factors, AWS order), `PreferredMfaSetting`, and the legacy `MFAOptions` when SMS MFA is on;
    /// each left out when empty, so a user without MFA shows none of them (JA-BLOG-2025).
    var outputMembers: [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        if !enabled.isEmpty { members["UserMFASettingList"] = .array(enabledList.map { .string($0.rawValue) }) }
        if let preferred { members["PreferredMfaSetting"] = .string(preferred.rawValue) }
        if enabled.contains(.sms) { members["MFAOptions"] = Self.legacySmsOptions }
        return members
    }

    /// `[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}]` (BOTO `MFAOptionType`).
    static let legacySmsOptions: JSONValue = [["DeliveryMedium": "SMS", "AttributeName": "phone_number"]]
}

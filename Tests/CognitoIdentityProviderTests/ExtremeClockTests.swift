import AWSJSONProtocol
import CryptoPrimitives
import Foundation
import Testing
@testable import CognitoIdentityProvider

/// The service clock at its limits, and a property-style sweep of extreme values through the clock
/// and every token path: none may stop the process (a trap here ends the whole test run).
@Suite struct ExtremeClockTests {
    /// Values a client can send as `advanceSeconds` (any finite JSON number), plus what JSON cannot
    /// carry but a caller of the Swift API could: ±infinity, NaN, the edges of Int64 and Double.
    static let extremes: [Double] = [
        0, 0.5, 1, 86_400, 1e9, 1e12, ServiceClock.latest, ServiceClock.latest + 1, 9.2e18, 9.223372036854775807e18,
        1e19, 1e30, 1e300, .greatestFiniteMagnitude, .infinity, -.infinity, .nan, -1, -1e19, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, -0.0, Double(Int64.max), Double(Int64.min),
    ]

    @Test func clockRefusesWhatWouldTakeItPastTheYear9999() {
        let clock = ServiceClock()
        #expect(clock.advance(by: .infinity) == .notFinite)
        #expect(clock.advance(by: .nan) == .notFinite)
        #expect(clock.advance(by: -1) == .negative)
        guard case .pastLatest = clock.advance(by: 1e19) else { Issue.record("1e19 accepted"); return }
        #expect(clock.offset == 0)
        let remaining = ServiceClock.latest - clock.now() - 1
        #expect(clock.advance(by: remaining) == nil)
        #expect(clock.now() <= ServiceClock.latest)
        #expect(clock.advance(by: 3600) != nil)
        #expect(clock.now() <= ServiceClock.latest)
    }

    @Test func saturatingConversionsNeverTrap() {
        #expect(Int64(saturatingFloor: .nan) == 0)
        #expect(Int64(saturatingFloor: .infinity) == .max)
        #expect(Int64(saturatingFloor: -.infinity) == .min)
        #expect(Int64(saturatingFloor: 1e19) == .max)
        #expect(Int64(saturatingFloor: -1e19) == .min)
        #expect(Int64(saturatingFloor: 9_223_372_036_854_774_784) == 9_223_372_036_854_774_784)
        #expect(Int64(saturatingFloor: -2.5) == -3)
        #expect(Int64.max.addingSaturating(1) == .max)
        #expect(Int64.min.addingSaturating(-1) == .min)
        for value in Self.extremes {
            _ = TOTP.timeStep(at: value)
            _ = TOTP.code(secret: Array(repeating: 7, count: 20), atTimeStep: TOTP.timeStep(at: value))
        }
    }

    /// Every extreme through the clock, then sign-in, refresh, GetUser and the JWKS: each either
    /// moves the clock (and tokens come out) or is refused; the process survives all of them.
    @Test(arguments: extremes) func signInAndTokensSurviveAnyClockValue(_ seconds: Double) throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        let clientId = try harness.call(
            "CreateUserPoolClient",
            #"{"UserPoolId":"\#(poolId)","ClientName":"app","ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"RefreshTokenValidity":3650,"TokenValidityUnits":{"RefreshToken":"days"}}"#
        ).body["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        _ = try harness.call("AdminCreateUser", #"{"UserPoolId":"\#(poolId)","Username":"alice","MessageAction":"SUPPRESS"}"#)
        _ = try harness.call(
            "AdminSetUserPassword", #"{"UserPoolId":"\#(poolId)","Username":"alice","Password":"Corr3ct-Horse!","Permanent":true}"#)
        let refusal = harness.clock.advance(by: seconds)
        #expect(harness.clock.now() <= ServiceClock.latest)
        #expect((refusal == nil) == (seconds.isFinite && seconds >= 0 && seconds < ServiceClock.latest - Date().timeIntervalSince1970))
        let signIn = try harness.call(
            "InitiateAuth",
            #"{"ClientId":"\#(clientId)","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"alice","PASSWORD":"Corr3ct-Horse!"}}"#)
        #expect(signIn.status == 200)
        let result = signIn.body["AuthenticationResult"]
        let refresh = try harness.call(
            "InitiateAuth",
            #"{"ClientId":"\#(clientId)","AuthFlow":"REFRESH_TOKEN_AUTH","AuthParameters":{"REFRESH_TOKEN":"\#(result?["RefreshToken"]?.stringValue ?? "")"}}"#)
        #expect(refresh.status == 200)
        #expect(try harness.call("GetUser", #"{"AccessToken":"\#(result?["AccessToken"]?.stringValue ?? "")"}"#).status == 200)
        #expect(try harness.cognito.jsonWebKeySet(poolId: poolId) != nil)
    }
}

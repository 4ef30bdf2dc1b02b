import CognitoIdentityProvider
import HTTPCore

/// `GET|POST /forgotPassword` and `POST /confirmForgotPassword`: a reset code to the user's
/// recovery channel (the outbox here), then the code and a new password; back to the sign-in page.
struct ForgotPasswordFlow {
    let server: AuthorizationServer
    let request: DomainRequest

    func handle() -> HTTPResponse {
        let authorization: AuthorizationRequest
        switch AuthorizeEndpoint.check(request, server: server) {
        case .refused(let response): return response
        case .accepted(let accepted): authorization = accepted
        }
        let login = LoginFlow(server: server, request: request)
        guard request.request.method == "POST" else { return usernamePage(error: nil) }
        let form = request.form
        let username = form["username"] ?? ""
        guard Cookies.csrfMatches(request.request, form: form) else { return usernamePage(error: "Your session has expired. Please try again.") }
        let clientId = authorization.client.clientId
        if request.path == "/forgotPassword" {
            switch server.forgotPassword(site: request.site, clientId: clientId, username: username) {
            case .success(let destination): return codePage(username: username, destination: destination, error: nil)
            case .failure(let error): return usernamePage(error: error.message)
            }
        }
        switch server.confirmForgotPassword(site: request.site, clientId: clientId, username: username,
                                            code: form["code"] ?? "", password: form["new_password"] ?? "") {
        case .success:
            return login.signInPage(authorization, error: nil, username: username, notice: "Your password has been reset. Sign in with it.")
        case .failure(let error):
            return codePage(username: username, destination: form["destination"] ?? "", error: error.message)
        }
    }

    private func query() -> String { request.request.query ?? "" }

    private func usernamePage(error: String?) -> HTTPResponse {
        let (token, cookies) = LoginFlow(server: server, request: request).csrf
        let form = Pages.form(action: "\(request.base)/forgotPassword?\(query())", csrf: token, hidden: [],
                              [Pages.field("Username", name: "username", autocomplete: "username")], submit: "Reset my password")
        return Pages.document(site: request.site, title: "Forgot your password?", [
            Pages.error(error), .element("p", [], [.text("Enter your username and we will send you a code to reset your password.")]), form,
        ], headers: cookies)
    }

    private func codePage(username: String, destination: String, error: String?) -> HTTPResponse {
        let (token, cookies) = LoginFlow(server: server, request: request).csrf
        let form = Pages.form(action: "\(request.base)/confirmForgotPassword?\(query())", csrf: token,
                              hidden: [("username", username), ("destination", destination)], [
                                  Pages.field("Code", name: "code", autocomplete: "one-time-code", extra: [("inputmode", "numeric")]),
                                  Pages.field("New password", name: "new_password", type: "password", autocomplete: "new-password"),
                              ], submit: "Change password")
        return Pages.document(site: request.site, title: "Reset your password", [
            Pages.error(error), .element("p", [], [.text("We sent a code to \(destination). Enter it with your new password.")]), form,
        ], headers: cookies)
    }
}

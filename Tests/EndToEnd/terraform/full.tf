# The full configuration of test_terraform.py (the provider block is prepended by the test).
resource "aws_cognito_user_pool" "pool" {
  name                     = "tf-full"
  mfa_configuration        = "OPTIONAL"
  auto_verified_attributes = ["email"]
  tags                     = { team = "identity" }

  software_token_mfa_configuration {
    enabled = true
  }
  device_configuration {
    challenge_required_on_new_device      = true
    device_only_remembered_on_user_prompt = false
  }
  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }
  password_policy {
    minimum_length                   = 10
    require_lowercase                = true
    require_numbers                  = true
    require_symbols                  = false
    require_uppercase                = true
    temporary_password_validity_days = 3
  }
  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true
    string_attribute_constraints {
      min_length = 5
      max_length = 2048
    }
  }
}

resource "aws_cognito_user_pool_domain" "domain" {
  domain       = "tf-full-login"
  user_pool_id = aws_cognito_user_pool.pool.id
}

resource "aws_cognito_user_pool_domain" "custom" {
  domain          = "auth.tf-full.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_cognito_resource_server" "api" {
  identifier   = "https://api.example.com"
  name         = "api"
  user_pool_id = aws_cognito_user_pool.pool.id
  scope {
    scope_name        = "read"
    scope_description = "Read things"
  }
  scope {
    scope_name        = "write"
    scope_description = "Write things"
  }
}

# AWS adds Google's endpoints to provider_details; configurations list them (or ignore them) to plan clean.
resource "aws_cognito_identity_provider" "google" {
  user_pool_id  = aws_cognito_user_pool.pool.id
  provider_name = "Google"
  provider_type = "Google"
  provider_details = {
    client_id                     = "client.apps.googleusercontent.com"
    client_secret                 = "google-secret"
    authorize_scopes              = "openid email profile"
    attributes_url                = "https://people.googleapis.com/v1/people/me?personFields="
    attributes_url_add_attributes = "true"
    authorize_url                 = "https://accounts.google.com/o/oauth2/v2/auth"
    oidc_issuer                   = "https://accounts.google.com"
    token_request_method          = "POST"
    token_url                     = "https://www.googleapis.com/oauth2/v4/token"
  }
  attribute_mapping = {
    email    = "email"
    username = "sub"
  }
}

resource "aws_cognito_identity_provider" "saml" {
  user_pool_id  = aws_cognito_user_pool.pool.id
  provider_name = "Corp"
  provider_type = "SAML"
  provider_details = {
    MetadataURL = "https://idp.example.com/metadata.xml"
  }
  attribute_mapping = {
    email = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
  }
  idp_identifiers = ["corp.example.com"]
}

resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "https://api.example.com/read"]
  callback_urls                        = ["https://app.example.com/callback", "http://localhost:3000/callback"]
  logout_urls                          = ["https://app.example.com/logout"]
  default_redirect_uri                 = "https://app.example.com/callback"
  supported_identity_providers         = ["COGNITO", aws_cognito_identity_provider.google.provider_name, aws_cognito_identity_provider.saml.provider_name]
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  depends_on                           = [aws_cognito_resource_server.api]
}

resource "aws_cognito_user_pool_client" "m2m" {
  name                                 = "m2m"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  generate_secret                      = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_scopes                 = ["https://api.example.com/read"]
  supported_identity_providers         = ["COGNITO"]
  depends_on                           = [aws_cognito_resource_server.api]
}

resource "aws_cognito_user" "alice" {
  user_pool_id = aws_cognito_user_pool.pool.id
  username     = "alice"
  attributes = {
    email          = "alice@example.com"
    email_verified = true
  }
}

# Groups, membership, tags and custom attributes for test_terraform.py (provider block prepended).
resource "aws_cognito_user_pool" "pool" {
  name = "tf-groups"
  tags = { team = "identity" }
  schema {
    name                     = "tenant"
    attribute_data_type      = "String"
    mutable                  = true
    developer_only_attribute = false
    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }
}

resource "aws_cognito_user_group" "admins" {
  name         = "admins"
  user_pool_id = aws_cognito_user_pool.pool.id
  description  = "Administrators"
  precedence   = 1
}

resource "aws_cognito_user_group" "readers" {
  name         = "readers"
  user_pool_id = aws_cognito_user_pool.pool.id
  precedence   = 10
}

resource "aws_cognito_user" "bob" {
  user_pool_id = aws_cognito_user_pool.pool.id
  username     = "bob"
}

resource "aws_cognito_user_in_group" "bob_admin" {
  user_pool_id = aws_cognito_user_pool.pool.id
  group_name   = aws_cognito_user_group.admins.name
  username     = aws_cognito_user.bob.username
}

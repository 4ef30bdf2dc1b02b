print("mock-cognito")

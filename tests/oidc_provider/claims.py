"""Claims of the test provider's users: the subject is the ID number kept as the user name."""


def sub(user):
    return user.username


def userinfo(claims, user):
    claims["name"] = user.first_name
    claims["preferred_username"] = user.username
    return claims

"""The fixed, content-free sentences of the follow-up: never the question or the answer."""

MAX_QUESTION = 2000
MAX_ANSWER = 3000


def question_notice(reference: str) -> str:
    return (f"The safeguarding lead has a question about {reference}. Open it to read and "
            "answer it privately; for your privacy, it is not shown here.")


def answered_notice(reference: str, number: int) -> str:
    return (f"The reporter has answered question #{number} about {reference}. Open the case "
            "privately to read it; no details are shared here.")


def empty(what: str) -> str:
    return f"The {what} is empty, so nothing was saved. Please type the {what} itself."


def too_long(what: str, limit: int) -> str:
    return f"The {what} is longer than {limit} characters; please shorten it. Nothing was saved."

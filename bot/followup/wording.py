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


OPEN_QUESTION = "Open the question"
SEND_ANSWER = "Send answer"
ANSWER_LATER = "Answer later"
YOUR_ANSWER = "Your answer"
PRIVATE = "Private: only you can see this"
ANSWER_HINT = ("The lead is told that an answer arrived, not what it says. An answer cannot be "
               "changed afterwards; if you think of more, tell the lead. Initials only, never "
               "full names, and no phone numbers or email addresses.")
ALREADY_ANSWERED = ("You have answered this question already; an answer cannot be changed. If "
                    "there is more to say, tell the safeguarding lead.")
ANSWER_SENT = "Answer sent"
WAITING = "Questions waiting for your answer"
EACH_PRIVATE = "Each opens privately, only for you."
NO_QUESTIONS = "You have no questions waiting for an answer."
NOT_UNDERSTOOD = "That form was not understood, so nothing was recorded."


def asked(number: int, reference: str, at: str) -> str:
    return f"Question #{number} from the safeguarding lead about {reference}, asked {at}."


def listed(number: int, reference: str) -> str:
    return f"Question #{number} about {reference}"

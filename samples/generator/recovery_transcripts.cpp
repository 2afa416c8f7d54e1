// Invented interview transcripts for the small recovery study. They paraphrase the kinds of things the seed
// paper's participants said; none is a quotation from it.
#include "recovery_transcripts.hpp"

namespace framer::samples {

const std::vector<Transcript>& recovery_transcripts() {
    static const std::vector<Transcript> all = {
        {"SU4", R"(Interviewer: Can you tell me what has changed for you since you started the programme?
SU4: Honestly, at the start I’d given up. Half of me wanted to get better and the other half didn’t care any more. I felt like the past was holding me up and I was scared of change.
Interviewer: What kept you going?
SU4: The people around me. If anything goes wrong I still think about hurting myself, but I don’t do it because I don’t want to let my therapist down, and I don’t want to let my sister down either.
Interviewer: And the group sessions?
SU4: The group was hard at first — everyone looking at you, and I felt completely exposed. I nearly walked out of the café after the second week. But then I practised saying what I needed to the others in the group, and that carried over to home.
Interviewer: How do you deal with difficult thoughts now?
SU4: I challenge my thoughts a lot more. I tell myself “no, I don’t have to do this, I’m worth more than this”. I didn’t feel like that before.
Interviewer: Is there anything you would change?
SU4: Maybe the ending. I’m worried about what happens when the sessions stop, because I’ve had a service just close the door on me before.
)"},
        {"SU9", R"(Interviewer: How long have you been seeing the community team?
SU9: About two years now. I see a care coordinator every fortnight, sometimes more when things are bad.
Interviewer: What has helped?
SU9: Having someone who actually listens. My coordinator is supportive, she doesn’t judge me, and she rings if I miss an appointment.
Interviewer: Has anything been unhelpful?
SU9: Going over my childhood again and again. Talking only about the past just left me raw and I couldn’t see where it was going.
Interviewer: What would you rather do instead?
SU9: Sort out the practical stuff. Like say I’ve got a bill, before I’d leave it until the red letter. Now as soon as I get the bill, I pay it.
Interviewer: How do you feel about yourself these days?
SU9: Still ashamed, to be honest. I blame myself for the way my marriage ended and for the kids seeing all that.
)"},
        {"SU10", R"(Interviewer: You’re doing voluntary work at the moment?
SU10: Yes, at a charity shop on Tuesdays. It’s small but I’m proud of it.
Interviewer: What helped you get there?
SU10: Understanding what was going on with me. When they said I had borderline personality disorder, it all made sense — how I’ve been with relationships, how I was as a person.
Interviewer: Was it easy to ask for help?
SU10: No. I felt I had to do everything on my own. Now I admit that I do need a bit of help and I come in and see someone.
Interviewer: How do you find the sessions themselves?
SU10: I like that my therapist lets me choose what we work on each week. Flexibility and choice matter to me; a rigid plan would have put me off.
Interviewer: And with other people?
SU10: I’m opening up a bit more. I trust my friend Zoë with things I never told anyone.
)"},
        {"SU13", R"(Interviewer: What did the programme ask of you?
SU13: It only works if you put the work into it: all the homework, all the writing. There were times I didn’t want to do it at all, but I did it religiously because I wanted to sort myself out.
Interviewer: Why was that important?
SU13: Because if you’re expecting someone to fix you, it’s not going to happen. I had to take responsibility for my own recovery.
Interviewer: What was the group like?
SU13: Scary. I’m not good with people and being in a room with eight strangers felt overwhelming. Some days I just sat there and said nothing.
Interviewer: Did that change?
SU13: Slowly. We practised how to ask for something without shouting, and by the end I could disagree with someone in the group without storming off.
Interviewer: What about the skills?
SU13: The problem-solving was really valuable. You write the problem down, you list the options, you pick one. It sounds simple but nobody had ever shown me.
)"},
        {"SU14", R"(Interviewer: How would you describe where you are now?
SU14: I have gained some knowledge, some confidence. I think I’ve got this far and I want to move on to the next step.
Interviewer: What helped you notice that?
SU14: My therapist pointed out that I hadn’t been to A&E for six months. I hadn’t even noticed. That gave me hope.
Interviewer: How do you feel about yourself?
SU14: I feel more confident and I do approach problems. I keep doing something and thinking, I wouldn’t have done that last year. I’m stronger in myself.
Interviewer: And what was hard?
SU14: Talking about my feelings in therapy. Exploring where they came from helped, but at first I was terrified of being open, of people seeing the real me.
Interviewer: What has therapy been like overall?
SU14: Regular sessions were key. Knowing I had my appointment every week — that was my anchor.
)"},
        {"SU20", R"(Interviewer: What brought you to the service?
SU20: My GP, after a crisis. I’d been sectioned once before and I really didn’t want that again.
Interviewer: How did you feel about asking for help?
SU20: I felt as if I had to manage on my own. Still that happens now and then, but I do give in and go, OK, I do need a bit of help.
Interviewer: What has changed in your relationships?
SU20: I used to fly off the handle. Now I try to listen first, and I say what I feel without the anger. My partner says I’m calmer.
Interviewer: How was the group for you?
SU20: In the group you learn from the others. Watching someone handle a row with their mum, I thought, I could try that. It was practice for real life.
Interviewer: Anything you’d want done differently?
SU20: More help at the end. When the eighteen months finished I felt dropped. Managing the ending matters as much as the beginning.
)"},
        {"SU22", R"(Interviewer: How are things at the moment?
SU22: Better, actually 🙂 I never thought I’d say that.
Interviewer: What’s different?
SU22: I’m challenging my own thoughts a lot more. With the self-harm, it was like “no, I don’t have to do this, people do like me”. I didn’t feel like that before.
Interviewer: What helped with that?
SU22: Coming here to the group. I feel liked and accepted, and that helps me accept myself too — the good and the bad.
Interviewer: Was there anything you didn’t like?
SU22: Sometimes we spent whole sessions on why I am the way I am. Self-exploration helped me understand myself, but I also needed to know what to do on a Monday morning.
Interviewer: How is it with your therapist?
SU22: We had a big falling out in the spring. She set a boundary about texting and I was furious. We talked it through, and I think that was the first time I negotiated something instead of running.
)"},
        {"SU26", R"(Interviewer: How have the last few months been?
SU26: Up and down. Some weeks I can’t be bothered to do anything, and then I get guilt, because I think I’m letting people down, I’m letting myself down, so I’m beating myself up constantly.
Interviewer: Where does that come from?
SU26: I’ve always felt it was my fault. My mum used to say I was the difficult one.
Interviewer: Has therapy touched on that?
SU26: A lot. Understanding where it comes from has helped me be a bit kinder to myself. I still have bad days, but I don’t hate myself like I did.
Interviewer: What about the structure of the programme?
SU26: I liked having the diary card and the clear rules. I knew why we were doing each thing. Structure helps when your head is all over the place.
Interviewer: Would you recommend it?
SU26: Yes, but people have to want it. When I first came I was so defensive. I kept a wall up and wouldn’t let anyone near.
)"},
        {"T1", R"(Interviewer: What do you see as the key process in your clients’ recovery?
T1: Commitment. Most of them arrive deeply ambivalent — part of them wants change and part of them is terrified of it. The first months are about committing to taking action.
Interviewer: How do you support that?
T1: We ask them to take responsibility for small things first: filling in the diary card, coming on time. It builds from there.
Interviewer: And the skills group?
T1: It’s the hardest part for many. They feel overwhelmed and exposed in the group, especially in the first weeks. But it’s also where they practise relating to others in a safe setting.
Interviewer: Any tension in the work?
T1: Between being supportive and fostering independence. You want to be there for them, but you also have to prepare them for the ending from day one.
)"},
        {"T2", R"(Interviewer: You work in a community team. What does recovery look like there?
T2: Very gradual. A lot of my clients have been let down by services before, so opening up and trusting someone takes months.
Interviewer: What helps them open up?
T2: Consistency. Being the same person every week, not cancelling. Regular, reliable contact is the intervention, really.
Interviewer: What about problem-solving?
T2: It’s valuable, but only if the relationship is there. Problem-solving with someone who doesn’t trust you goes nowhere.
Interviewer: Do you see conflict in the therapeutic relationship?
T2: Often. Clients test the boundaries — calls at midnight, demands — and negotiating those boundaries is part of the therapy, not an obstacle to it.
)"},
        {"T7", R"(Interviewer: What changes do you notice in people who do well?
T7: They start to understand themselves. They can say “I reacted like that because I felt rejected”, and that understanding is the beginning of self-compassion.
Interviewer: Does shame come up?
T7: Constantly. They feel ashamed of their problems and blame themselves for everything. Part of mentalization is helping them see that there were reasons.
Interviewer: What about the groups?
T7: Groups are where they practise new ways of relating. But for some the group is overwhelming and they feel exposed; we have to pace it.
Interviewer: And endings?
T7: Managing the ending and the continuity of care afterwards is something we still don’t do well. Our colleague Jürgen set up a follow-up group, which helps.
)"},
        {"T12", R"(Interviewer: You see people from a psychiatric perspective. What do you think matters most?
T12: Flexibility. A rigid manual suits some, but many need flexibility and choice in how treatment is delivered.
Interviewer: Is insight-oriented work useful?
T12: Self-exploration is helpful up to a point. Focusing only on understanding the past is unhelpful if nothing changes in the present.
Interviewer: How do clients deal with relationships?
T12: Many fear being open with anyone. They expect to be hurt. Over time some learn to be assertive and negotiate boundaries rather than cut people off.
Interviewer: Anything else?
T12: A supportive therapist makes a huge difference. Feeling that someone is on your side — it sounds obvious, but it is often missing.
)"},
    };
    return all;
}

}  // namespace framer::samples

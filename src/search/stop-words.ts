/**
 * English function words: frequent everywhere, so they neither rank nor answer anything. The list
 * is the common core of the Snowball and Lucene English lists.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
  during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
  here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
  let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves
  out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their
  theirs them themselves then there there's these they they'd they'll they're they've this those through
  to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's
  where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll
  you're you've your yours yourself yourselves also just us may might must shall`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words people use to ask rather than to say what they want to know ("what does the article say
 * about …", "who wrote …", "conference dates", "lol what did …"). They still match when the
 * material has them, but a question is not "about" them: missing them does not make a question
 * out of scope. Words that name the kind of answer wanted (dates, venue) are among them: what
 * answers them is checked by the answer's type, not by the word.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  `article piece text author writer document material paper story essay op-ed editorial say says said
  tell tells told mention mentions mentioned describe describes described explain explains explained
  mean means meant talk talks discuss discusses discussed according write writes wrote written draw drew
  drawn create created make made produce produced publish published think thinks view views stance
  position opinion opinions main point points idea ideas key summary summarize summarise overview kind
  type example examples list name names happen happens happened take takes took place please give show
  know known find details detail information info anything something thing things way ways
  does doing get got want year years today now current currently recent recently latest ago
  date dates schedule venue location located whereabouts
  lol lmao nah yeah yep yo hey hmm ok okay tbh imo btw pls plz thanks guys folks vibe stuff basically
  actually really kinda sorta gonna wanna here deal`
    .split(/\s+/)
    .filter(Boolean),
);

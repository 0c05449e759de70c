// English. Plural forms use i18next's _one/_other suffixes; otherwise the keys mirror ko.ts.
const en = {
  nav: {
    skip: 'Skip to content', main: 'Main menu', restaurants: 'Restaurants', myReservations: 'My reservations', manage: 'For restaurants',
    concierge: 'Concierge desk', login: 'Log in', signup: 'Sign up', logout: 'Log out', account: 'My account', language: '한국어로 보기',
  },
  footer: { tagline: 'The kitchen brigade between restaurants and their guests', times: 'All times are the restaurant’s local time (Seoul by default)' },
  common: { loading: 'Loading…', save: 'Save', close: 'Close', edit: 'Edit', remove: 'Remove' },
  errors: {
    generic: 'That did not work. Please try again in a moment.', forbiddenTitle: 'Not allowed',
    forbidden: 'This page is for accounts with the right role.',
  },
  notFound: { title: 'Page not found', body: 'The address changed or never existed.', home: 'Back to Brigade' },
  validation: {
    required: 'This field is required.', nameRequired: 'Please enter your name.', emailRequired: 'Please enter your e-mail address.',
    emailInvalid: 'That is not a valid e-mail address.', loginRequired: 'Please enter your e-mail or username.', passwordRequired: 'Please enter your password.',
    passwordLength: 'Passwords need at least 10 characters.', passwordTooLong: 'Passwords can have at most 128 characters.',
    passwordKinds: 'Mix at least two of: lower-case, upper-case, digits, symbols.', passwordMismatch: 'The passwords do not match.',
    latitude: 'Latitude is a number from -90 to 90.', longitude: 'Longitude is a number from -180 to 180.',
    wholeWon: 'Enter the price in whole won.', capacity: 'The largest party must be at least the smallest.', pickRestaurant: 'Please choose a restaurant.',
  },
  search: {
    headline: 'Where are you eating tonight?', lead: 'Find restaurants in Seoul, see open tables and book in seconds.', label: 'Search restaurants',
    placeholder: 'Name or cuisine (e.g. naengmyeon, sushi)', submit: 'Search', cuisines: 'Cuisines', fromCityHall: 'Distances from Seoul City Hall',
    fromYou: 'Distances from you', useLocation: 'Use my location', none: 'No restaurant matches', noneHint: 'Try other words or another cuisine.',
  },
  cuisine: {
    korean: 'Korean', japanese: 'Japanese', chinese: 'Chinese', french: 'French', italian: 'Italian', american: 'American', brunch: 'Brunch',
    cafe: 'Café', indian: 'Indian', mexican: 'Mexican', pub: 'Pub', spanish: 'Spanish', steakhouse: 'Steakhouse', vegan: 'Vegan', vietnamese: 'Vietnamese',
    bbq: 'Korean BBQ', seafood: 'Seafood',
  },
  distinction: { one_star: 'One MICHELIN Star', two_stars: 'Two MICHELIN Stars', three_stars: 'Three MICHELIN Stars', bib_gourmand: 'Bib Gourmand', selected: 'MICHELIN Selected' },
  price: { 1: 'Casual', 2: 'Moderate', 3: 'Upscale', 4: 'Fine dining' },
  days: { monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday' },
  restaurant: {
    notFound: 'Restaurant not found', priceRange_one: 'Price level {{count}} of 4', priceRange_other: 'Price level {{count}} of 4', hours: 'Opening hours',
    closed: 'Closed', zone: 'Time zone: {{zone}}', menu: 'Menu', noMenu: 'No menu yet.', otherItems: 'Other', soldOut: 'Sold out', allergens: 'Allergens',
  },
  allergen: { wheat: 'wheat', pork: 'pork', soy: 'soy', egg: 'egg', milk: 'milk', shellfish: 'shellfish', fish: 'fish', peanut: 'peanut', beef: 'beef', sesame: 'sesame', nuts: 'nuts', chicken: 'chicken' },
  reviews: {
    title: 'Reviews', noneYet: 'No reviews yet', average: 'Rated {{value}} out of 5', count_one: '{{count}} review', count_other: '{{count}} reviews',
    stars_one: '{{count}} star', stars_other: '{{count}} stars', anonymous: 'Anonymous', reply: 'From the restaurant:',
    invite: 'How was your visit? Leave a review.', rating: 'Rating', text: 'Your review', post: 'Post review',
    pickRating: 'Please pick a rating.', tooShort: 'Please write at least 5 characters.',
  },
  booking: {
    title: 'Book a table', date: 'Date', party: 'Guests', people_one: '{{count}} guest', people_other: '{{count}} guests', times: 'Open times on {{date}}',
    checking: 'Checking tables…', noSlots: 'No open times on this date.', notifyTime: 'Preferred time', notifyMe: 'Notify me',
    notifyDone: 'We will tell you if a table frees up.', signInToBook: 'Log in to book this table.', formLabel: 'Booking details',
    summary_one: '{{date}} at {{time}} · {{count}} guest', summary_other: '{{date}} at {{time}} · {{count}} guests', guestName: 'Name for the booking', phone: 'Mobile phone', phoneHint: 'Only used by the restaurant to reach you.',
    notes: 'Requests', notesPlaceholder: 'Allergies, an occasion, a high chair…', confirm: 'Confirm booking', taken: 'Someone just took that table',
    takenHint: 'Please pick another time nearby.', otherTimes: 'Show other times', doneTitle: 'Your table is booked',
    pendingTitle: 'A deposit is needed', depositDue: 'Pay the {{amount}} deposit to confirm the booking.', holdUntil: 'The table is held until {{time}}.',
    seeMine: 'My reservations', another: 'Book another',
  },
  status: {
    pending_payment: 'Awaiting deposit', confirmed: 'Confirmed', arrived: 'Arrived', seated: 'Seated', completed: 'Completed', cancelled: 'Cancelled', no_show: 'No-show',
    pending: 'Pending', accepted: 'Accepted', declined: 'Declined', waiting: 'Waiting', ready: 'Table ready', left: 'Left', draft: 'Draft', published: 'Published', closed: 'Closed',
  },
  payment: { none: 'No deposit', pending: 'Not paid', collected: 'Paid', expired: 'Expired' },
  mine: {
    title: 'My reservations', subtitle: 'Change or cancel upcoming bookings.', upcoming: 'Upcoming', past: 'Past',
    none: 'No upcoming reservations', find: 'Find a restaurant', unknownRestaurant: 'Restaurant', deposit: 'Deposit {{amount}}',
    refunded: '{{percent}}% of the deposit refunded', change: 'Change', cancel: 'Cancel',
  },
  cancel: {
    title: 'Cancel this reservation?', keep: 'Keep it', confirm: 'Cancel reservation', working: 'Working out the refund…',
    noDeposit: 'No deposit was taken, so cancelling costs nothing.', unpaid: 'The {{amount}} deposit was never paid, so nothing is charged.',
    refund: '{{amount}} refunded ({{percent}}%)', ofDeposit: 'Of the {{amount}} deposit you paid, by the restaurant’s cancellation policy.',
  },
  change: { title: 'Change reservation', current: 'Now: {{when}}', save: 'Save change', note: 'Changes close at the time the restaurant sets.' },
  bell: {
    label: 'Notifications', labelUnread_one: 'Notifications, {{count}} unread', labelUnread_other: 'Notifications, {{count}} unread', title: 'Notifications',
    markAll: 'Mark all read', markRead: 'Mark read', empty: 'No new notifications', all: 'See all notifications', new: 'New notification',
  },
  login: {
    title: 'Log in', subtitle: 'Welcome back to Brigade.', login: 'E-mail or username', password: 'Password', submit: 'Log in',
    forgot: 'Forgot your password?', noAccount: 'New to Brigade?', failed: 'The e-mail (username) or password is wrong.',
    tooMany: 'Too many attempts. Please wait a moment.',
  },
  signup: {
    title: 'Create your account', subtitle: 'One account to book tables and to run a restaurant.', kind: 'Account type', diner: 'Diner', dinerHint: 'Find and book restaurants',
    business: 'Restaurant owner', businessHint: 'List and run your restaurant', worker: 'Shift worker', workerHint: 'Find one-day shifts',
    name: 'Name', email: 'E-mail', password: 'Password', passwordHint: 'At least 10 characters, two kinds of character', confirm: 'Repeat password',
    submit: 'Sign up', haveAccount: 'Already have an account?', taken: 'That e-mail already has an account.', doneTitle: 'Welcome to Brigade',
    done: 'We sent a link to {{email}}. Open it to verify your e-mail address.',
  },
  verify: {
    title: 'Verify e-mail', working: 'Verifying…', doneTitle: 'Verified', done: 'Your e-mail address is verified.', continue: 'Continue',
    failedTitle: 'Could not verify', failed: 'The link expired or was already used. Log in and ask for a new one from your account page.',
  },
  forgot: {
    title: 'Reset your password', subtitle: 'We will e-mail you a link to choose a new one.', submit: 'Send reset link', back: 'Back to log in',
    sent: 'If {{email}} has an account, a reset link is on its way. Check your inbox.',
  },
  reset: {
    title: 'Choose a new password', password: 'New password', submit: 'Change password', done: 'Your password is changed. Log in with the new one.',
    failed: 'The link expired or was already used. Please ask for a new one.', noToken: 'This reset link is not valid.',
  },
  profile: {
    title: 'My account', unverified: 'Your e-mail address is not verified yet', resend: 'Send the link again', resent: 'We sent a new link.',
    saved: 'Saved.', language: 'Language (screens and notifications)', roles: 'Roles',
  },
  roles: { diner: 'Diner', owner: 'Restaurant owner', manager: 'Manager', staff: 'Staff', worker: 'Shift worker', concierge: 'Concierge', admin: 'Administrator' },
  memberRole: { owner: 'Owner', manager: 'Manager', staff: 'Staff' },
  manage: {
    title: 'Your restaurants', subtitle: 'Bookings and settings of the restaurants you run', create: 'Add a restaurant', none: 'No restaurants yet',
    noneOwner: 'Add your restaurant, set its hours, menu and tables, and start taking bookings.',
    noneDiner: 'Sign up with a restaurant-owner account to add a restaurant.', openToday: 'Today', setup: 'Setup',
    sections: 'Restaurant sections', today: 'Bookings', waitlist: 'Waitlist', guests: 'Guest book', requests: 'Concierge requests',
  },
  create: {
    title: 'Add a restaurant', subtitle: 'Start with the basics; hours, menu and tables come next.', name: 'Name (Korean)', nameEn: 'English name (optional)',
    cuisine: 'Cuisine', priceRange: 'Price level', address: 'Address', lat: 'Latitude', lng: 'Longitude', locationHint: 'Used for distances. Defaults to Seoul City Hall.',
    description: 'Description', submit: 'Add and continue',
  },
  setup: {
    hours: 'Opening hours', menu: 'Menu', tables: 'Tables', booking: 'Booking settings', publish: 'Publish', done: 'Done', saved: 'Saved.',
    hoursHint: 'A closing time before the opening time runs past midnight.', open: 'Open', opens: '{{day}} opens', closes: '{{day}} closes',
    saveHours: 'Save hours', itemName: 'Dish', price: 'Price (KRW)', category: 'Category', categoryPlaceholder: 'e.g. Mains', addItem: 'Add dish',
    removeItem: 'Remove {{name}}', tableLabel: 'Table name', minSeats: 'Min guests', maxSeats: 'Max guests', area: 'Area', areaPlaceholder: 'e.g. Hall, Room',
    addTable: 'Add table', seats: '{{min}}–{{max}} guests',
    publishHint: 'Once published, diners can find and book you. Set your hours and tables first.', publishNow: 'Publish now',
    published: 'Published: diners can book.',
  },
  settings: {
    slotMinutes: 'Slot interval (min)', coversPerSlot: 'Covers per slot', minAdvance: 'Book at least (min ahead)', maxAdvance: 'Book at most (days ahead)',
    maxParty: 'Largest online party', buffer: 'Reset time (min)', changeCutoff: 'Diner changes until (min before)', turnTimes: 'Turn times',
    turn: 'Up to {{party}}: {{minutes}} min', deposit: 'Deposit and cancellation', depositOn: 'Take a deposit', depositPerCover: 'Deposit per guest (KRW)',
    depositFromParty: 'From party size', noRefundWindows: 'No refund windows.', window: '{{percent}}% back until {{hours}} h before', save: 'Save booking settings',
  },
  today: {
    today: 'Today', previous: 'Previous day', next: 'Next day', backToToday: 'Back to today', bookings: 'Bookings', covers: 'Covers', seatedNow: 'Seated now',
    timeline: 'Timeline', floor: 'Floor', none: 'No bookings on this date', noName: 'No name', noTable: 'No table yet',
    noTables: 'Add tables in Setup.', occupied: 'Seated', free: 'Free', new: 'New', news: 'Just in',
    action: { confirm: 'Deposit received', arrive: 'Arrived', seat: 'Seat', complete: 'Complete', 'no-show': 'No-show', cancel: 'Cancel' },
  },
  live: { off: 'Live updates off', connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting' },
  guests: {
    searchLabel: 'Find by phone', searchPlaceholder: 'Phone (010-1234-5678)', none: 'The guest book is empty',
    noneHint: 'Guests appear here once they book with a phone number.', name: 'Name', visits: 'Visits', lastVisit: 'Last visit', tags: 'Tags',
    notes: 'Notes', edit: 'Edit guest', tagsHint: 'Comma separated: vip, allergy-shellfish, birthday', noShows_one: '{{count}} no-show', noShows_other: '{{count}} no-shows',
  },
  waitlist: {
    board: 'Waitlist', empty: 'Nobody is waiting', add: 'Add a party', addSubmit: 'Add', phoneHint: 'We text this number when the table is ready',
    place: 'Number {{place}}', since: 'since {{time}}', quoted: 'about {{minutes}} min',
    move: { ready: 'Table ready', seat: 'Seat', postpone: 'Move back', leave: 'Left' },
  },
  concierge: {
    title: 'Concierge desk', subtitle: 'Request VIP tables for your clients and follow each request.', new: 'Request a VIP table',
    findRestaurant: 'Search restaurants', restaurant: 'Restaurant', choose: 'Choose a restaurant', time: 'Time', guestName: 'Client name',
    preferences: 'Preferences', preferencesPlaceholder: 'Window seat, a quiet room…', send: 'Send request', sent: 'Request sent. The restaurant will answer soon.',
    mine: 'Your requests', none: 'No requests yet', inbox: 'Concierge requests', inboxEmpty: 'No requests', accept: 'Accept',
    decline: 'Decline', declinedBecause: 'Declined: {{reason}}',
  },
};

export default en;

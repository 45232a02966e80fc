import type { StudentReason } from "./student-messages";

/**
 * Built-in `errorMessage` texts, one set per language the platform offers.
 * `{wait}` in `locked` is replaced by the remaining lock time with its unit in
 * the same language ("5 minutes", "dakika 5"), so sentences are phrased to take
 * a nominative duration (Russian, Polish and Finnish use a "time left:" form).
 */
export const BUILT_IN_STUDENT_MESSAGES: Record<string, Record<StudentReason, string>> = {
  sw: {
    wrong_credentials: "Taarifa ulizoandika hazilingani na kumbukumbu za shule. Zikague kisha ujaribu tena.",
    missing_field: "Tafadhali jaza sehemu zote zinazohitajika, kisha ujaribu tena.",
    not_enrolled: "Hujasajiliwa kwa mtihani huu. Ikiwa unaamini hili ni kosa, wasiliana na shule yako.",
    account_disabled: "Akaunti yako imesimamishwa. Tafadhali wasiliana na shule yako.",
    locked: "Umejaribu mara nyingi bila mafanikio. Jaribu tena baada ya {wait}.",
    busy: "Seva ina shughuli nyingi kwa sasa. Subiri kidogo kisha ujaribu tena.",
  },
  en: {
    wrong_credentials: "The details you entered do not match the school's records. Check them and try again.",
    missing_field: "Please fill in every required field, then try again.",
    not_enrolled: "You are not registered for this exam. If you think this is a mistake, contact your school.",
    account_disabled: "Your account is disabled. Please contact your school.",
    locked: "Too many failed attempts. Try again in {wait}.",
    busy: "The server is busy right now. Wait a moment and try again.",
  },
  fr: {
    wrong_credentials: "Les informations saisies ne correspondent pas aux dossiers de l'école. Vérifiez-les et réessayez.",
    missing_field: "Veuillez remplir tous les champs obligatoires, puis réessayer.",
    not_enrolled: "Vous n'êtes pas inscrit à cet examen. Si vous pensez qu'il s'agit d'une erreur, contactez votre établissement.",
    account_disabled: "Votre compte est désactivé. Veuillez contacter votre établissement.",
    locked: "Trop de tentatives infructueuses. Réessayez dans {wait}.",
    busy: "Le serveur est très sollicité en ce moment. Patientez un instant, puis réessayez.",
  },
  pt: {
    wrong_credentials: "Os dados inseridos não correspondem aos registos da escola. Verifique-os e tente novamente.",
    missing_field: "Preencha todos os campos obrigatórios e tente novamente.",
    not_enrolled: "Não consta como inscrito neste exame. Se acha que é um erro, fale com a sua escola.",
    account_disabled: "A sua conta está desativada. Fale com a sua escola.",
    locked: "Muitas tentativas sem sucesso. Tente novamente dentro de {wait}.",
    busy: "O servidor está ocupado neste momento. Aguarde um pouco e tente novamente.",
  },
  ar: {
    wrong_credentials: "البيانات التي أدخلتها لا تطابق سجلات المدرسة. تحقق منها ثم حاول مرة أخرى.",
    missing_field: "يرجى ملء جميع الحقول المطلوبة ثم المحاولة مرة أخرى.",
    not_enrolled: "أنت غير مسجل في هذا الامتحان. إذا كنت تعتقد أن هذا خطأ، فتواصل مع مدرستك.",
    account_disabled: "حسابك معطّل. يرجى التواصل مع مدرستك.",
    locked: "محاولات فاشلة كثيرة. حاول مرة أخرى بعد {wait}.",
    busy: "الخادم مشغول حاليًا. انتظر لحظة ثم حاول مرة أخرى.",
  },
  ru: {
    wrong_credentials: "Введённые данные не совпадают с данными учебного заведения. Проверьте их и попробуйте ещё раз.",
    missing_field: "Заполните все обязательные поля и попробуйте ещё раз.",
    not_enrolled: "Вы не записаны на этот экзамен. Если это ошибка, обратитесь в своё учебное заведение.",
    account_disabled: "Ваша учётная запись отключена. Обратитесь в своё учебное заведение.",
    locked: "Слишком много неудачных попыток. До следующей попытки: {wait}.",
    busy: "Сервер сейчас перегружен. Подождите немного и попробуйте ещё раз.",
  },
  es: {
    wrong_credentials: "Los datos ingresados no coinciden con los registros de la institución. Revíselos e inténtelo de nuevo.",
    missing_field: "Complete todos los campos obligatorios e inténtelo de nuevo.",
    not_enrolled: "No está inscrito en este examen. Si cree que se trata de un error, comuníquese con su institución.",
    account_disabled: "Su cuenta está desactivada. Comuníquese con su institución.",
    locked: "Demasiados intentos fallidos. Vuelva a intentarlo dentro de {wait}.",
    busy: "El servidor está muy ocupado en este momento. Espere un poco y vuelva a intentarlo.",
  },
  ha: {
    wrong_credentials: "Bayanan da ka shigar ba su dace da na makaranta ba. Ka duba su, sannan ka sake gwadawa.",
    missing_field: "Da fatan ka cike dukkan wuraren da ake bukata, sannan ka sake gwadawa.",
    not_enrolled: "Ba a yi maka rajista don wannan jarrabawa ba. Idan kana ganin kuskure ne, tuntubi makarantarka.",
    account_disabled: "An dakatar da asusunka. Tuntubi makarantarka.",
    locked: "An yi kuskure sau da yawa. Ka sake gwadawa bayan {wait}.",
    busy: "Sabar tana da aiki sosai yanzu. Ka jira kadan, sannan ka sake gwadawa.",
  },
  yo: {
    wrong_credentials: "Àwọn ìsọfúnni tí o tẹ̀ kò bá ti ilé-ìwé mu. Ṣàyẹ̀wò wọn kí o sì tún gbìyànjú.",
    missing_field: "Jọ̀wọ́ kún gbogbo àyè tí a béèrè, lẹ́yìn náà tún gbìyànjú.",
    not_enrolled: "A kò forúkọ rẹ sílẹ̀ fún ìdánwò yìí. Kàn sí ilé-ìwé rẹ tí o bá rò pé àṣìṣe ni.",
    account_disabled: "A ti dá àkọọ́lẹ̀ rẹ dúró. Kàn sí ilé-ìwé rẹ.",
    locked: "O ti gbìyànjú ní ọ̀pọ̀ ìgbà láìṣe àṣeyọrí. Tún gbìyànjú lẹ́yìn {wait}.",
    busy: "Ẹ̀rọ olupin kún fún iṣẹ́ báyìí. Dúró díẹ̀ kí o sì tún gbìyànjú.",
  },
  ig: {
    wrong_credentials: "Ozi i tinyere adabaghị na ndekọ ụlọ akwụkwọ. Lelee ya ma nwaa ọzọ.",
    missing_field: "Biko dejupụta ebe niile achọrọ, wee nwaa ọzọ.",
    not_enrolled: "E debanyeghị aha gị maka ule a. Ọ bụrụ na i chere na ọ bụ mmejọ, kpọtụrụ ụlọ akwụkwọ gị.",
    account_disabled: "Akwụsịla akaụntụ gị. Kpọtụrụ ụlọ akwụkwọ gị.",
    locked: "Ị nwalela ọtụtụ ugboro ma o digbughị. Nwaa ọzọ mgbe {wait} gachara.",
    busy: "Sava nwere ọrụ dị ukwuu ugbu a. Chere ntakịrị ma nwaa ọzọ.",
  },
  am: {
    wrong_credentials: "ያስገቡት መረጃ ከትምህርት ቤቱ መዝገብ ጋር አይዛመድም። ያረጋግጡና እንደገና ይሞክሩ።",
    missing_field: "እባክዎ ሁሉንም አስፈላጊ መስኮች ይሙሉ፣ ከዚያ እንደገና ይሞክሩ።",
    not_enrolled: "ለዚህ ፈተና አልተመዘገቡም። ስህተት ነው ብለው ካሰቡ ትምህርት ቤትዎን ያነጋግሩ።",
    account_disabled: "መለያዎ ታግዷል። እባክዎ ትምህርት ቤትዎን ያነጋግሩ።",
    locked: "ብዙ ያልተሳኩ ሙከራዎች ተደርገዋል። ከ{wait} በኋላ እንደገና ይሞክሩ።",
    busy: "አገልጋዩ አሁን ተጨናንቋል። ትንሽ ቆይተው እንደገና ይሞክሩ።",
  },
  so: {
    wrong_credentials: "Xogta aad gelisay kuma habboona diiwaanka dugsiga. Hubi, kadibna isku day mar kale.",
    missing_field: "Fadlan buuxi dhammaan meelaha loo baahan yahay, kadibna isku day mar kale.",
    not_enrolled: "Laguma diiwaangelin imtixaankan. Haddii aad u malaynayso inay khalad tahay, la xiriir dugsigaaga.",
    account_disabled: "Akoonkaaga waa la joojiyay. Fadlan la xiriir dugsigaaga.",
    locked: "Isku day badan oo khaldan ayaa dhacay. Isku day mar kale {wait} kadib.",
    busy: "Adeegaha ayaa hadda mashquul ah. Sug wax yar, kadibna isku day mar kale.",
  },
  rw: {
    wrong_credentials: "Amakuru winjije ntahuye n'ari mu bubiko bw'ishuri. Yasuzume hanyuma wongere ugerageze.",
    missing_field: "Uzuza ahasabwa hose, hanyuma wongere ugerageze.",
    not_enrolled: "Ntabwo wiyandikishije kuri iki kizamini. Niba ubona ko ari ikosa, vugana n'ishuri ryawe.",
    account_disabled: "Konti yawe yahagaritswe. Vugana n'ishuri ryawe.",
    locked: "Wagerageje inshuro nyinshi bikanga. Ongera ugerageze nyuma y'{wait}.",
    busy: "Seriveri ifite akazi kenshi ubu. Tegereza gato hanyuma wongere ugerageze.",
  },
  zh: {
    wrong_credentials: "您输入的信息与学校记录不符。请检查后重试。",
    missing_field: "请填写所有必填项后重试。",
    not_enrolled: "您未报名参加本次考试。如认为有误，请联系您的学校。",
    account_disabled: "您的账户已被停用。请联系您的学校。",
    locked: "失败次数过多。请在{wait}后重试。",
    busy: "服务器繁忙。请稍候再试。",
  },
  hi: {
    wrong_credentials: "आपकी दर्ज की गई जानकारी स्कूल के रिकॉर्ड से मेल नहीं खाती। कृपया जाँचें और फिर से प्रयास करें।",
    missing_field: "कृपया सभी आवश्यक फ़ील्ड भरें और फिर से प्रयास करें।",
    not_enrolled: "आप इस परीक्षा के लिए पंजीकृत नहीं हैं। अगर आपको लगता है कि यह गलती है, तो अपने स्कूल से संपर्क करें।",
    account_disabled: "आपका खाता निष्क्रिय कर दिया गया है। कृपया अपने स्कूल से संपर्क करें।",
    locked: "बहुत अधिक असफल प्रयास हुए। {wait} बाद फिर से प्रयास करें।",
    busy: "सर्वर अभी व्यस्त है। कृपया थोड़ी देर रुककर फिर से प्रयास करें।",
  },
  pl: {
    wrong_credentials: "Wprowadzone dane nie zgadzają się z danymi szkoły. Sprawdź je i spróbuj ponownie.",
    missing_field: "Wypełnij wszystkie wymagane pola i spróbuj ponownie.",
    not_enrolled: "Nie ma Cię na liście osób zapisanych na ten egzamin. Jeśli uważasz, że to błąd, skontaktuj się ze swoją szkołą.",
    account_disabled: "Twoje konto jest nieaktywne. Skontaktuj się ze swoją szkołą.",
    locked: "Zbyt wiele nieudanych prób. Czas do kolejnej próby: {wait}.",
    busy: "Serwer jest teraz przeciążony. Poczekaj chwilę i spróbuj ponownie.",
  },
  ja: {
    wrong_credentials: "入力された情報が学校の記録と一致しません。確認してもう一度お試しください。",
    missing_field: "必須項目をすべて入力してから、もう一度お試しください。",
    not_enrolled: "この試験には登録されていません。誤りと思われる場合は、学校にお問い合わせください。",
    account_disabled: "アカウントが無効になっています。学校にお問い合わせください。",
    locked: "失敗した試行が多すぎます。{wait}後にもう一度お試しください。",
    busy: "サーバーが混み合っています。しばらく待ってからもう一度お試しください。",
  },
  ko: {
    wrong_credentials: "입력한 정보가 학교 기록과 일치하지 않습니다. 확인한 후 다시 시도하세요.",
    missing_field: "필수 항목을 모두 입력한 후 다시 시도하세요.",
    not_enrolled: "이 시험에 등록되어 있지 않습니다. 잘못되었다고 생각되면 학교에 문의하세요.",
    account_disabled: "계정이 비활성화되었습니다. 학교에 문의하세요.",
    locked: "실패한 시도가 너무 많습니다. {wait} 후에 다시 시도하세요.",
    busy: "서버가 혼잡합니다. 잠시 후 다시 시도하세요.",
  },
  th: {
    wrong_credentials: "ข้อมูลที่คุณกรอกไม่ตรงกับข้อมูลของโรงเรียน โปรดตรวจสอบแล้วลองอีกครั้ง",
    missing_field: "โปรดกรอกข้อมูลในช่องที่จำเป็นให้ครบ แล้วลองอีกครั้ง",
    not_enrolled: "คุณไม่ได้ลงทะเบียนสอบนี้ หากคิดว่าเป็นข้อผิดพลาด โปรดติดต่อโรงเรียนของคุณ",
    account_disabled: "บัญชีของคุณถูกระงับการใช้งาน โปรดติดต่อโรงเรียนของคุณ",
    locked: "ลองผิดหลายครั้งเกินไป โปรดลองอีกครั้งใน {wait}",
    busy: "เซิร์ฟเวอร์ไม่ว่างในขณะนี้ โปรดรอสักครู่แล้วลองอีกครั้ง",
  },
  fa: {
    wrong_credentials: "اطلاعاتی که وارد کردید با سوابق مدرسه مطابقت ندارد. آن را بررسی کنید و دوباره تلاش کنید.",
    missing_field: "لطفاً همهٔ فیلدهای لازم را پر کنید و دوباره تلاش کنید.",
    not_enrolled: "شما برای این آزمون ثبت‌نام نشده‌اید. اگر فکر می‌کنید اشتباهی رخ داده، با مدرسهٔ خود تماس بگیرید.",
    account_disabled: "حساب شما غیرفعال شده است. لطفاً با مدرسهٔ خود تماس بگیرید.",
    locked: "تعداد تلاش‌های ناموفق زیاد است. {wait} دیگر دوباره تلاش کنید.",
    busy: "سرور در حال حاضر شلوغ است. کمی صبر کنید و دوباره تلاش کنید.",
  },
  sr: {
    wrong_credentials: "Унети подаци се не поклапају са евиденцијом школе. Проверите их и покушајте поново.",
    missing_field: "Попуните сва обавезна поља, па покушајте поново.",
    not_enrolled: "Нисте пријављени за овај испит. Ако мислите да је у питању грешка, обратите се својој школи.",
    account_disabled: "Ваш налог је деактивиран. Обратите се својој школи.",
    locked: "Превише неуспешних покушаја. Покушајте поново за {wait}.",
    busy: "Сервер је тренутно заузет. Сачекајте тренутак и покушајте поново.",
  },
  fi: {
    wrong_credentials: "Antamasi tiedot eivät vastaa koulun tietoja. Tarkista ne ja yritä uudelleen.",
    missing_field: "Täytä kaikki pakolliset kentät ja yritä uudelleen.",
    not_enrolled: "Et ole ilmoittautunut tähän kokeeseen. Jos tämä on mielestäsi virhe, ota yhteyttä kouluusi.",
    account_disabled: "Tilisi on poistettu käytöstä. Ota yhteyttä kouluusi.",
    locked: "Liian monta epäonnistunutta yritystä. Odotusaikaa jäljellä: {wait}.",
    busy: "Palvelin on juuri nyt ruuhkautunut. Odota hetki ja yritä uudelleen.",
  },
  bn: {
    wrong_credentials: "আপনার দেওয়া তথ্য স্কুলের রেকর্ডের সঙ্গে মিলছে না। যাচাই করে আবার চেষ্টা করুন।",
    missing_field: "অনুগ্রহ করে সব প্রয়োজনীয় ঘর পূরণ করে আবার চেষ্টা করুন।",
    not_enrolled: "আপনি এই পরীক্ষার জন্য নিবন্ধিত নন। ভুল মনে হলে আপনার স্কুলের সঙ্গে যোগাযোগ করুন।",
    account_disabled: "আপনার অ্যাকাউন্ট নিষ্ক্রিয় করা হয়েছে। আপনার স্কুলের সঙ্গে যোগাযোগ করুন।",
    locked: "অনেকবার ভুল চেষ্টা হয়েছে। {wait} পরে আবার চেষ্টা করুন।",
    busy: "সার্ভার এখন ব্যস্ত। একটু অপেক্ষা করে আবার চেষ্টা করুন।",
  },
};

/**
 * Duration words for languages whose CLDR data in Bun's ICU has no long form
 * for minutes (Yoruba prints an abbreviation, Kinyarwanda prints "min").
 */
export const MINUTES_WORDS: Record<string, (minutes: number) => string> = {
  yo: (minutes) => `ìṣẹ́jú ${minutes}`,
  rw: (minutes) => (minutes === 1 ? "umunota 1" : `iminota ${minutes}`),
};
